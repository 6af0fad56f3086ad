package dev.portguard.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;
import dev.portguard.policy.ResolutionStatus;
import dev.portguard.testsupport.Sockets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Integration tests for the reservations and the bind-time retry, with real web servers. A squatter releases
 * portguard's reservation and takes the chosen port between resolution and the server's bind, as a process started
 * in that window would.
 */
@ExtendWith(OutputCaptureExtension.class)
class BindRetryIntegrationTests {

	private static final String TOMCAT_SERVLET = "org.springframework.boot.tomcat.autoconfigure.servlet."
			+ "TomcatServletWebServerAutoConfiguration";

	private static final String JETTY_SERVLET = "org.springframework.boot.jetty.autoconfigure.servlet."
			+ "JettyServletWebServerAutoConfiguration";

	private static final String JETTY_MANAGEMENT = "org.springframework.boot.jetty.autoconfigure.actuate.web.server."
			+ "JettyServletManagementContextAutoConfiguration";

	private static final String PORTGUARD_TOMCAT = PortguardTomcatAutoConfiguration.class.getName();

	private static final String TOMCAT_MANAGEMENT = "org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
			+ "TomcatServletManagementContextAutoConfiguration";

	private static final String TOMCAT_REACTIVE_MANAGEMENT = "org.springframework.boot.tomcat.autoconfigure.actuate.web."
			+ "server.TomcatReactiveManagementContextAutoConfiguration";

	private static final String JETTY_REACTIVE_MANAGEMENT = "org.springframework.boot.jetty.autoconfigure.actuate.web."
			+ "server.JettyReactiveManagementContextAutoConfiguration";

	private static final String TOMCAT_REACTIVE = "org.springframework.boot.tomcat.autoconfigure.reactive."
			+ "TomcatReactiveWebServerAutoConfiguration";

	private static final String JETTY_REACTIVE = "org.springframework.boot.jetty.autoconfigure.reactive."
			+ "JettyReactiveWebServerAutoConfiguration";

	private final Squatter squatter = new Squatter();

	@AfterEach
	void closeSquatters() throws IOException {
		this.squatter.close();
	}

	@Test
	void tomcatBindsTheNextCandidateWhenTheChosenPortIsTakenBeforeTheBind(CapturedOutput output) {
		int port = Sockets.freeBlock(3);
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET, "server",
				"--spring.autoconfigure.exclude=" + JETTY_SERVLET, "--server.port=" + port)) {
			assertThat(context.getBean(ServletWebServerFactory.class))
				.isInstanceOf(PortguardTomcatServletWebServerFactory.class);
			assertMovedAtBindTime(context, output, "server", "server.port", "local.server.port", port);
			assertThat(get(port + 1)).isEqualTo("hello");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge gauge = registry.get("portguard.port").tag("name", "server").gauge();
			assertThat(gauge.getId().getTag("status")).isEqualTo("fallback");
			assertThat(gauge.value()).isEqualTo(port + 1);
			assertThat(registry.get("portguard.fallbacks").counter().count()).isOne();
		}
	}

	@Test
	void tomcatManagementServerBindsTheNextCandidateWhenItsPortIsTakenBeforeTheBind(CapturedOutput output) {
		assertManagementServerMovesAtBindTime(output, WebApplicationType.SERVLET,
				JETTY_SERVLET + "," + JETTY_MANAGEMENT);
	}

	@Test
	void nettyBindsTheNextCandidateWhenTheChosenPortIsTakenBeforeTheBind(CapturedOutput output) {
		int port = Sockets.freeBlock(3);
		try (ConfigurableApplicationContext context = run(WebApplicationType.REACTIVE, "server",
				"--spring.autoconfigure.exclude=" + TOMCAT_REACTIVE + "," + JETTY_REACTIVE, "--server.port=" + port)) {
			assertThat(context.getBean(org.springframework.boot.web.server.reactive.ReactiveWebServerFactory.class))
				.isInstanceOf(PortguardNettyReactiveWebServerFactory.class);
			assertMovedAtBindTime(context, output, "server", "server.port", "local.server.port", port);
			assertThat(get(port + 1)).isEqualTo("hello");
		}
	}

	@Test
	void jettyBindsTheNextCandidateWhenTheChosenPortIsTakenBeforeTheBind(CapturedOutput output) {
		int port = Sockets.freeBlock(3);
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET, "server",
				"--spring.autoconfigure.exclude=" + TOMCAT_SERVLET + "," + PORTGUARD_TOMCAT, "--server.port=" + port)) {
			assertThat(context.getBean(ServletWebServerFactory.class))
				.isInstanceOf(PortguardJettyServletWebServerFactory.class);
			assertMovedAtBindTime(context, output, "server", "server.port", "local.server.port", port);
			assertThat(serverPort(context)).isEqualTo(port + 1);
			assertThat(get(port + 1)).isEqualTo("hello");
		}
	}

	@Test
	void jettyManagementServerBindsTheNextCandidateWhenItsPortIsTakenBeforeTheBind(CapturedOutput output) {
		assertManagementServerMovesAtBindTime(output, WebApplicationType.SERVLET,
				TOMCAT_SERVLET + "," + PORTGUARD_TOMCAT + "," + TOMCAT_MANAGEMENT);
	}

	@Test
	void nettyManagementServerBindsTheNextCandidateWhenItsPortIsTakenBeforeTheBind(CapturedOutput output) {
		assertManagementServerMovesAtBindTime(output, WebApplicationType.REACTIVE,
				TOMCAT_REACTIVE + "," + JETTY_REACTIVE + "," + TOMCAT_REACTIVE_MANAGEMENT + ","
						+ JETTY_REACTIVE_MANAGEMENT);
	}

	@Test
	void jettyStartsOnAFallbackPortWhenThePreferredOneIsHeld(CapturedOutput output) throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port);
				ConfigurableApplicationContext context = run(WebApplicationType.SERVLET, null,
						"--spring.autoconfigure.exclude=" + TOMCAT_SERVLET + "," + PORTGUARD_TOMCAT,
						"--server.port=" + port)) {
			assertThat(context.getBean(ServletWebServerFactory.class).getClass().getName()).contains("Jetty");
			assertThat(serverPort(context)).isEqualTo(port + 1);
			assertThat(get(port + 1)).isEqualTo("hello");
			assertThat(output).contains("Port " + port + " is in use, using port " + (port + 1)
					+ " instead (server.port)");
		}
	}

	@Test
	void withRetryDisabledBootsOwnTomcatFactoryIsUsedAndTheReservationIsReleasedBeforeTheStart() {
		int port = Sockets.freeBlock(1);
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET, null,
				"--spring.autoconfigure.exclude=" + JETTY_SERVLET, "--portguard.retry.enabled=false",
				"--server.port=" + port)) {
			assertThat(context.getBean(ServletWebServerFactory.class).getClass())
				.isEqualTo(TomcatServletWebServerFactory.class);
			assertThat(serverPort(context)).isEqualTo(port);
			assertThat(context.getBean(ManagedPorts.class).isReserved("server")).isFalse();
		}
	}

	@Test
	void withRetryDisabledAPortTakenBeforeTheBindFailsWithBootsPortInUseException(CapturedOutput output) {
		int port = Sockets.freeBlock(2);
		assertThatException()
			.isThrownBy(() -> run(WebApplicationType.SERVLET, "server", "--spring.autoconfigure.exclude=" + JETTY_SERVLET,
					"--portguard.retry.enabled=false", "--server.port=" + port))
			.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(java.net.BindException.class))
			.isInstanceOfSatisfying(RuntimeException.class, (ex) -> assertThat(findPortInUse(ex)).isNotNull());
		assertThat(output).contains("Port " + port + " on 127.0.0.1 (server.port) is already in use.")
			.contains("Held by process " + ProcessHandle.current().pid() + " (java), listening on 127.0.0.1:" + port);
	}

	@Test
	void whenEveryCandidateIsTakenAtBindTimeTheFailureIsBootsPortInUseException() {
		int port = Sockets.freeBlock(2);
		assertThatException()
			.isThrownBy(() -> run(WebApplicationType.SERVLET, "server", "--spring.autoconfigure.exclude=" + JETTY_SERVLET,
					"--portguard.max-attempts=1", "--server.port=" + port))
			.isInstanceOfSatisfying(RuntimeException.class, (ex) -> {
				PortInUseException portInUse = findPortInUse(ex);
				assertThat(portInUse).isNotNull();
				assertThat(portInUse.getPort()).isEqualTo(port);
			});
	}

	@Test
	void reservationsOfAFailedStartAreReleased() {
		int port = Sockets.freeBlock(1);
		int echo = Sockets.freeBlock(1);
		assertThatException().isThrownBy(() -> run(WebApplicationType.SERVLET, null,
				"--spring.autoconfigure.exclude=" + JETTY_SERVLET, "--server.port=" + port,
				"--portguard.ports.echo.property=test.echo.port", "--portguard.ports.echo.owner-releases=true",
				"--test.echo.port=" + echo, "--test.fail=true"));
		assertThat(dev.portguard.policy.PortProbe.bind().probe(null, port).outcome())
			.isEqualTo(CandidateOutcome.FREE);
		assertThat(dev.portguard.policy.PortProbe.bind().probe(null, echo).outcome())
			.isEqualTo(CandidateOutcome.FREE);
	}

	@Test
	void aPortOfTheApplicationsOwnBoundThroughManagedPortsMovesWhenItsChosenPortIsTaken(CapturedOutput output)
			throws IOException {
		int port = Sockets.freeBlock(1);
		int echo = Sockets.freeBlock(3);
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET, "echo",
				"--spring.autoconfigure.exclude=" + JETTY_SERVLET, "--server.port=" + port, "--test.echo=true",
				"--sample.echo.port=" + echo, "--portguard.ports.echo.property=sample.echo.port",
				"--portguard.ports.echo.address=127.0.0.1", "--portguard.ports.echo.owner-releases=true")) {
			try (ServerSocket socket = context.getBean(EchoBean.class).socket) {
				assertThat(socket.getLocalPort()).isEqualTo(echo + 1);
			}
			assertThat(context.getEnvironment().getProperty("sample.echo.port", Integer.class)).isEqualTo(echo + 1);
			Resolution resolution = context.getBean(ManagedPorts.class).find("echo").orElseThrow();
			assertThat(resolution.resolved()).isEqualTo(echo + 1);
			assertThat(resolution.candidates().get(0).detail()).startsWith("taken after it was chosen, before the bind");
			assertThat(output).contains("Port " + echo + " was taken after portguard chose it and before it was bound, "
					+ "using port " + (echo + 1) + " instead (sample.echo.port)");
		}
	}

	private void assertManagementServerMovesAtBindTime(CapturedOutput output, WebApplicationType type,
			String exclude) {
		int port = Sockets.freeBlock(1);
		int management = Sockets.freeBlock(3);
		try (ConfigurableApplicationContext context = run(type, "management", "--spring.autoconfigure.exclude=" + exclude,
				"--server.port=" + port, "--management.server.port=" + management,
				"--management.endpoints.web.exposure.include=health")) {
			assertThat(serverPort(context)).isEqualTo(port);
			assertMovedAtBindTime(context, output, "management", "management.server.port", "local.management.port",
					management);
			assertThat(get(management + 1, "/actuator/health")).contains("UP");
		}
	}

	private void assertMovedAtBindTime(ConfigurableApplicationContext context, CapturedOutput output, String name,
			String property, String localProperty, int port) {
		assertThat(context.getEnvironment().getProperty(localProperty, Integer.class)).isEqualTo(port + 1);
		assertThat(context.getEnvironment().getProperty(property, Integer.class)).isEqualTo(port + 1);
		Resolution resolution = context.getBean(ManagedPorts.class).find(name).orElseThrow();
		assertThat(resolution.resolved()).isEqualTo(port + 1);
		assertThat(resolution.status()).isEqualTo(ResolutionStatus.FALLBACK);
		assertThat(resolution.candidates().get(0).outcome()).isEqualTo(CandidateOutcome.IN_USE);
		assertThat(resolution.candidates().get(0).detail()).startsWith("taken after it was chosen, before the bind");
		assertThat(output).contains("Port " + port + " was taken after portguard chose it and before it was bound, "
				+ "using port " + (port + 1) + " instead (" + property + ")");
	}

	private ConfigurableApplicationContext run(WebApplicationType type, String squat, String... args) {
		SpringApplication application = new SpringApplication(WebApp.class);
		application.setWebApplicationType(type);
		if (squat != null) {
			application.addInitializers(this.squatter.take(squat));
		}
		List<String> arguments = new ArrayList<>(List.of("--portguard.auto=true", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off"));
		arguments.addAll(List.of(args));
		return application.run(arguments.toArray(String[]::new));
	}

	private static PortInUseException findPortInUse(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof PortInUseException portInUse) {
				return portInUse;
			}
		}
		return null;
	}

	private static int serverPort(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static String get(int port) {
		return get(port, "/");
	}

	private static String get(int port, String path) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ HelloController.class, FailingBean.class, EchoBean.class })
	static class WebApp {

	}

	@RestController
	static class HelloController {

		@GetMapping("/")
		String hello() {
			return "hello";
		}

	}

	static class FailingBean {

		FailingBean(org.springframework.core.env.Environment environment) {
			if (environment.getProperty("test.fail", Boolean.class, false)) {
				throw new IllegalStateException("start-up fails on purpose");
			}
		}

	}

	/**
	 * A listener of the application's own, bound through {@link ManagedPorts#bind} as the README shows.
	 */
	@ConditionalOnBooleanProperty("test.echo")
	static class EchoBean {

		private final ServerSocket socket;

		EchoBean(ManagedPorts ports) throws IOException {
			this.socket = ports.bind("echo", (port) -> {
				ServerSocket socket = new ServerSocket();
				try {
					socket.setReuseAddress(true);
					socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
					return socket;
				}
				catch (IOException ex) {
					socket.close();
					throw ex;
				}
			});
		}

	}

}
