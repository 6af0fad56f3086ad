package dev.portguard.diagnostics;

import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;

import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BindExceptionFailureAnalyzer}. The exceptions carry the operating system's own messages, as the
 * JDK throws them; the sample app's end-to-end tests and {@code LocalizedStartUpIntegrationTests} (other languages)
 * produce them for real.
 */
class BindExceptionFailureAnalyzerTests {

	@Test
	void permissionDeniedOnAPrivilegedPort() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "80");
		FailureAnalysis analysis = new BindExceptionFailureAnalyzer(environment)
			.analyze(new WebServerException("Unable to start embedded Tomcat", new BindException("Permission denied")));
		assertThat(analysis.getDescription()).isEqualTo("Web server failed to start. Port 80 on * (every interface) "
				+ "(server.port) cannot be bound: permission denied. Ports below 1024 are privileged.");
		assertThat(analysis.getAction()).startsWith("1. Use a port of 1024 or above: --server.port=8080\n"
				+ "2. Or grant the Java binary the capability to bind privileged ports: sudo setcap "
				+ "'cap_net_bind_service=+ep' /")
			.endsWith("\n3. Or let portguard choose a free port at start-up: portguard.auto=true");
	}

	@Test
	void cannotAssignRequestedAddress() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080")
			.withProperty("server.address", "192.0.2.1");
		FailureAnalysis analysis = new BindExceptionFailureAnalyzer(environment).analyze(
				new WebServerException("Unable to start", new BindException("Cannot assign requested address")));
		assertThat(analysis.getDescription()).isEqualTo("Web server failed to start. server.address=192.0.2.1 cannot "
				+ "be bound on port 8080: cannot assign requested address. It is not an address of this machine.");
		assertThat(analysis.getAction()).startsWith("Set server.address to an address of this machine, or leave it "
				+ "unset to bind every interface. This machine's addresses: ")
			.contains("127.0.0.1");
	}

	@Test
	void inUseThatBootDidNotRecogniseIsExplainedWithTheHolder() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), port)) {
			MockEnvironment environment = new MockEnvironment().withProperty("server.port", String.valueOf(port))
				.withProperty("server.address", "127.0.0.1");
			FailureAnalysis analysis = new BindExceptionFailureAnalyzer(environment)
				.analyze(new WebServerException("Unable to start embedded Jetty server",
						new IOException("Failed to bind to /127.0.0.1:" + port, new BindException("Address already in use"))));
			assertThat(analysis.getDescription()).startsWith("Web server failed to start. Port " + port
					+ " on 127.0.0.1 (server.port) is already in use.")
				.contains("Held by process " + ProcessHandle.current().pid() + " (java), listening on 127.0.0.1:" + port);
			assertThat(analysis.getAction()).contains("2. Use another port, free right now: --server.port=" + (port + 1));
		}
	}

	@Test
	void theManagementPortIsNamedWhenItIsTheOneTaken() throws IOException {
		int server = Sockets.freeBlock(1);
		int management = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), management)) {
			MockEnvironment environment = new MockEnvironment().withProperty("server.port", String.valueOf(server))
				.withProperty("management.server.port", String.valueOf(management));
			FailureAnalysis analysis = new BindExceptionFailureAnalyzer(environment)
				.analyze(new WebServerException("Unable to start", new BindException("Address already in use")));
			assertThat(analysis.getDescription()).contains("Port " + management + " ")
				.contains("listening on 127.0.0.1:" + management);
		}
	}

	@Test
	void inUseThatBootRecognisedIsLeftToThePortInUseAnalyzer() {
		assertThat(new BindExceptionFailureAnalyzer(new MockEnvironment())
			.analyze(new PortInUseException(8080, new BindException("Address already in use")))).isNull();
	}

}
