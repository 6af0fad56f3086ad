package dev.portguard.diagnostics;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.PortProbe;
import dev.portguard.testsupport.HoldPortMain;
import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortInUseFailureAnalyzer}, with the port held by real processes.
 */
class PortInUseFailureAnalyzerTests {

	private static final Pattern FREE_PORT = Pattern.compile("--server\\.port=(\\d+)");

	private final Holders holders = new Holders();

	private final MockEnvironment environment = new MockEnvironment().withProperty("server.address", "127.0.0.1");

	private final PortInUseFailureAnalyzer analyzer = new PortInUseFailureAnalyzer(this.environment);

	@AfterEach
	void stopHolders() {
		this.holders.close();
	}

	@Test
	void theListenerInTheWayOfTheBindAddressIsNamedNotOneOnAnotherAddress() {
		int port = Sockets.freeBlock(3);
		Process first = this.holders.python("127.0.0.1", port);
		Process third = this.holders.python("127.0.0.3", port);
		this.environment.setProperty("server.address", "127.0.0.3");
		FailureAnalysis analysis = this.analyzer.analyze(new PortInUseException(port));
		assertThat(analysis.getDescription()).contains("Held by process " + third.pid() + " (python3), listening on "
				+ "127.0.0.3:" + port)
			.doesNotContain(String.valueOf(first.pid()));
		assertThat(analysis.getAction()).contains("kill " + third.pid()).doesNotContain("kill " + first.pid());
		this.environment.setProperty("server.address", "127.0.0.1");
		assertThat(this.analyzer.analyze(new PortInUseException(port)).getAction()).contains("kill " + first.pid())
			.doesNotContain("kill " + third.pid());
	}

	@Test
	void commandLinesAreLeftOutUnlessAskedForAndThenMasked() {
		int port = Sockets.freeBlock(3);
		String listen = "import socket, sys, time; s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); "
				+ "s.listen(); time.sleep(600)";
		this.holders.command(List.of("python3", "-c", listen, String.valueOf(port), "--password", "s3cret-1",
				"--db-pass=s3cret-2", "PGPASSWORD=s3cret-3", "postgres://app:s3cret-4@db/orders", "Authorization:", "Bearer",
				"s3cret-5"), "127.0.0.1", port);
		String hidden = this.analyzer.analyze(new PortInUseException(port)).getDescription();
		assertThat(hidden).contains("(python3)", "Path:", "User:").doesNotContain("Command:", "s3cret");
		this.environment.setProperty("portguard.analysis.show-command-line", "true");
		String shown = this.analyzer.analyze(new PortInUseException(port)).getDescription();
		assertThat(shown).contains("Command: ", "--password ******", "--db-pass=******", "PGPASSWORD=******",
				"postgres://app:******@db/orders", "Authorization: Bearer ******")
			.doesNotContain("s3cret");
	}

	@Test
	void namesThePythonProcessAndWritesTheCommandsToFreeThePort() {
		int port = Sockets.freeBlock(3);
		Process python = this.holders.python("127.0.0.1", port);
		PortHolder holder = PortHolderLocator.forThisMachine().locate(port).holder();
		FailureAnalysis analysis = this.analyzer.analyze(new PortInUseException(port));
		assertThat(analysis.getDescription()).isEqualTo("Web server failed to start. Port " + port
				+ " on 127.0.0.1 (server.port) is already in use.\n\n" + "Held by process " + python.pid()
				+ " (python3), listening on 127.0.0.1:" + port + ":\n" + "    Path:    " + holder.executable() + "\n"
				+ "    User:    " + holder.user() + "\n" + "    Since:   " + holder.startedAt());
		assertThat(analysis.getAction()).isEqualTo("1. Stop the process that holds the port: kill " + python.pid()
				+ "\n   (if it does not stop: kill -9 " + python.pid() + ")\n"
				+ "2. Use another port, free right now: --server.port=" + (port + 1) + "\n"
				+ "3. Let portguard choose a free port at start-up: portguard.auto=true");
	}

	@Test
	void suggestedPortIsReallyFree() throws IOException {
		int port = Sockets.freeBlock(3);
		this.holders.python("127.0.0.1", port);
		this.holders.jvm("127.0.0.1", port + 1);
		FailureAnalysis analysis = this.analyzer.analyze(new PortInUseException(port));
		Matcher matcher = FREE_PORT.matcher(analysis.getAction());
		assertThat(matcher.find()).isTrue();
		int suggested = Integer.parseInt(matcher.group(1));
		assertThat(suggested).isEqualTo(port + 2);
		assertThat(PortProbe.bind().probe(Sockets.loopback(), suggested).outcome()).isEqualTo(CandidateOutcome.FREE);
	}

	@Test
	void anInstanceOfThisApplicationStartedAfterThisOneIsNotCalledEarlier() {
		int port = Sockets.freeBlock(2);
		Process jvm = this.holders.jvm("127.0.0.1", port);
		String javaCommand = System.getProperty("sun.java.command");
		System.setProperty("sun.java.command", HoldPortMain.class.getName() + " 127.0.0.1 " + port);
		try {
			FailureAnalysis analysis = this.analyzer.analyze(new PortInUseException(port));
			// The holder started after this test's JVM: a sibling, not an earlier instance (the sample app's tests
			// show the earlier one, in a JVM started after its holder).
			assertThat(analysis.getDescription()).endsWith("\n\nThis is another instance of this application, started "
					+ "at the same moment as this one or after it.");
			assertThat(analysis.getAction())
				.startsWith("1. Stop the other instance of this application that holds the port: kill " + jvm.pid());
		}
		finally {
			System.setProperty("sun.java.command", javaCommand);
		}
	}

	@Test
	void aContainerIsNamedWithItsStopCommand() {
		int port = Sockets.freeBlock(2);
		String name = "portguard-test-" + UUID.randomUUID().toString().substring(0, 8);
		this.holders.container(name, port);
		FailureAnalysis analysis = this.analyzer.analyze(new PortInUseException(port));
		assertThat(analysis.getDescription()).contains("Held by process ")
			.contains(" (docker-proxy), listening on ")
			.contains("    Container: " + name + " (id ")
			.contains(", image portguard/busybox:local), published by docker through docker-proxy");
		assertThat(analysis.getAction()).startsWith("1. Stop the container that publishes the port: docker stop " + name
				+ "\n2. Use another port, free right now: --server.port=");
	}

	@Test
	void textFromTheHoldingProcessIsEscapedAndSecretsAreMasked() {
		int port = Sockets.freeBlock(2);
		String script = "import socket,sys,time\ns=socket.socket()\ns.bind(('127.0.0.1'," + port
				+ "))\ns.listen()\ntime.sleep(120)";
		this.holders.command(List.of("python3", "-c", script, "--password=hunter2", "\u001b[31m<script>alert(1)"),
				"127.0.0.1", port);
		this.environment.setProperty("portguard.analysis.show-command-line", "true");
		FailureAnalysis analysis = this.analyzer.analyze(new PortInUseException(port));
		assertThat(analysis.getDescription()).contains("--password=******")
			.doesNotContain("hunter2")
			.contains("\\u001b[31m<script>alert(1)")
			.doesNotContain("\u001b");
	}

}
