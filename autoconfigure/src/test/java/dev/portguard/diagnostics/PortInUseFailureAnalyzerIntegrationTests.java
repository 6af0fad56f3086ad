package dev.portguard.diagnostics;

import java.util.ArrayList;
import java.util.List;

import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every shape in which a real server's "in use" reaches {@link SpringApplication} (Tomcat, Jetty, Reactor Netty)
 * ends in portguard's analysis naming the holder, with auto-port off and the port held by Python's http.server.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortInUseFailureAnalyzerIntegrationTests {

	private final Holders holders = new Holders();

	@AfterEach
	void stopHolders() {
		this.holders.close();
	}

	@Test
	void tomcat(CapturedOutput output) {
		assertAnalysis(output, WebApplicationType.SERVLET,
				"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration");
	}

	@Test
	void jetty(CapturedOutput output) {
		assertAnalysis(output, WebApplicationType.SERVLET,
				"org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration");
	}

	@Test
	void reactorNetty(CapturedOutput output) {
		assertAnalysis(output, WebApplicationType.REACTIVE,
				"org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration,"
						+ "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration");
	}

	private void assertAnalysis(CapturedOutput output, WebApplicationType type, String exclude) {
		int port = Sockets.freeBlock(2);
		Process python = this.holders.python("127.0.0.1", port);
		SpringApplication application = new SpringApplication(WebApp.class);
		application.setWebApplicationType(type);
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
				"--spring.autoconfigure.exclude=" + exclude, "--spring.main.banner-mode=off"));
		assertThatException().isThrownBy(() -> application.run(args.toArray(String[]::new)));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Web server failed to start. Port " + port + " on 127.0.0.1 (server.port) is already in use.")
			.contains("Held by process " + python.pid() + " (python3), listening on 127.0.0.1:" + port)
			.contains("1. Stop the process that holds the port: kill " + python.pid())
			.contains("2. Use another port, free right now: --server.port=" + (port + 1))
			.contains("3. Let portguard choose a free port at start-up: portguard.auto=true");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApp {

	}

}
