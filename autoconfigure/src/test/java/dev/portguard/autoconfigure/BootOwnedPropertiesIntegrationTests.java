package dev.portguard.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Integration tests that start the same web application on Tomcat with plain Spring Boot and with portguard, with
 * {@code server.port} and {@code management.server.port} written in the forms Boot accepts and in forms it rejects.
 * Plain Spring Boot is the same application started through a class loader that hides portguard's
 * {@code META-INF} registrations, so that neither its post-processor nor its auto-configurations nor its analyzers
 * run.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootOwnedPropertiesIntegrationTests {

	private static final String EXCLUDE_JETTY = "--spring.autoconfigure.exclude="
			+ "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration,"
			+ "org.springframework.boot.jetty.autoconfigure.actuate.web.server."
			+ "JettyServletManagementContextAutoConfiguration";

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "0x%X", "#%X", "+%d", " %d " })
	void serverPortInAFormBootAcceptsStartsOnTheSamePortAsPlainSpringBootWithAutoOffAndOn(String form) {
		int port = Sockets.freeBlock(1);
		String value = String.format(Locale.ROOT, form, port);
		assertThat(serverPort(false, "--server.port=" + value)).isEqualTo(port);
		assertThat(serverPort(true, "--server.port=" + value)).isEqualTo(port);
		assertThat(serverPort(true, "--server.port=" + value, "--portguard.auto=true")).isEqualTo(port);
	}

	@Test
	void managementPortInHexStartsOnTheSamePortAsPlainSpringBootWithAutoOffAndOn() {
		int port = Sockets.freeBlock(2);
		String[] args = { "--server.port=" + port, "--management.server.port=" + String.format(Locale.ROOT, "0x%X", port + 1) };
		assertThat(managementPort(false, args)).isEqualTo(port + 1);
		assertThat(managementPort(true, args)).isEqualTo(port + 1);
		assertThat(managementPort(true, args[0], args[1], "--portguard.auto=true")).isEqualTo(port + 1);
	}

	@Test
	void serverPortThatBootRejectsFailsWithPlainSpringBootAndWithAnAnalysisNamingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(false, "--server.port=eighty"));
		assertThat(output).contains("Invalid value 'eighty' for configuration property 'server.port'")
			.doesNotContain("portguard cannot");
		assertThatException().isThrownBy(() -> run(true, "--server.port=eighty"));
		assertThat(output).contains("portguard cannot read the port configuration.")
			.contains("Property: server.port")
			.contains("Value: \"eighty\"")
			.contains("Origin: \"server.port\" from property source \"commandLineArgs\"")
			.contains("Reason: not a whole number")
			.contains("set 'server.port' to a whole number from 0 to 65535 (0 picks a random port) or -1 (disabled), "
					+ "e.g. 8080, also written in hexadecimal, e.g. 0x1F90.");
	}

	@Test
	void serverPortAboveTheHighestPortFailsWithPlainSpringBootAndWithAnAnalysisNamingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(false, "--server.port=0x11170"))
			.satisfies((ex) -> assertThat(rootCause(ex)).hasMessage("port out of range:70000"));
		assertThat(output).doesNotContain("portguard cannot");
		assertThatException().isThrownBy(() -> run(true, "--server.port=0x11170"));
		assertThat(output).contains("portguard cannot read the port configuration.")
			.contains("Property: server.port")
			.contains("Value: \"0x11170\"")
			.contains("Reason: not a valid port number");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "server.port", "management.server.port" })
	void portWhosePlaceholderCannotBeResolvedFailsWithPlainSpringBootAndWithAnAnalysisNamingIt(String property,
			CapturedOutput output) {
		String argument = "--" + property + "=${nope}";
		assertThatException().isThrownBy(() -> run(false, argument));
		int plain = output.length();
		for (String auto : List.of("false", "true")) {
			int before = output.length();
			assertThatException().isThrownBy(() -> run(true, argument, "--portguard.auto=" + auto));
			assertThat(output.toString().substring(before)).contains("APPLICATION FAILED TO START")
				.contains("portguard cannot read the port configuration.")
				.contains("Property: " + property)
				.contains("Value: \"${nope}\"")
				.contains("Origin: \"" + property + "\" from property source \"commandLineArgs\"")
				.contains("Reason: the placeholder 'nope' cannot be resolved: no property or environment variable of "
						+ "that name is set")
				.contains("set '" + property + "' to a whole number from 0 to 65535 (0 picks a random port) or -1 "
						+ "(disabled), e.g. 8080, also written in hexadecimal, e.g. 0x1F90, or a placeholder of a "
						+ "property that is set.")
				.doesNotContain("PlaceholderResolutionException");
		}
		assertThat(output.toString().substring(0, plain)).doesNotContain("portguard cannot");
	}

	@Test
	void serverPortBeyondAnIntFailsWithPlainSpringBootAndWithAnAnalysisNamingItAsTooLarge(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(false, "--server.port=99999999999"));
		assertThat(output).contains("Invalid value '99999999999' for configuration property 'server.port'")
			.doesNotContain("portguard cannot");
		assertThatException().isThrownBy(() -> run(true, "--server.port=99999999999", "--portguard.auto=false"));
		assertThat(output).contains("portguard cannot read the port configuration.")
			.contains("Property: server.port")
			.contains("Value: \"99999999999\"")
			.contains("Reason: 99999999999 is above 65535, the highest port");
	}

	/**
	 * Start the application, check that it answers HTTP on the port its server bound, and return that port.
	 */
	private static int serverPort(boolean portguard, String... args) {
		try (ConfigurableApplicationContext context = run(portguard, args)) {
			assertThat(context.getBeanNamesForType(ManagedPorts.class)).hasSize(portguard ? 1 : 0);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(get(port, "/")).isEqualTo("hello");
			return port;
		}
	}

	/**
	 * Start the application, check that its management server answers HTTP on the port it bound, and return that
	 * port.
	 */
	private static int managementPort(boolean portguard, String... args) {
		try (ConfigurableApplicationContext context = run(portguard, args)) {
			assertThat(context.getBeanNamesForType(ManagedPorts.class)).hasSize(portguard ? 1 : 0);
			int port = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			assertThat(get(port, "/actuator/health")).contains("UP");
			return port;
		}
	}

	private static ConfigurableApplicationContext run(boolean portguard, String... args) {
		ClassLoader classLoader = BootOwnedPropertiesIntegrationTests.class.getClassLoader();
		SpringApplication application = new SpringApplication(
				new DefaultResourceLoader(portguard ? classLoader : new WithoutPortguard(classLoader)), WebApp.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		List<String> arguments = new ArrayList<>(
				List.of("--server.address=127.0.0.1", "--spring.main.banner-mode=off", EXCLUDE_JETTY));
		arguments.addAll(List.of(args));
		return application.run(arguments.toArray(String[]::new));
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
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

	/**
	 * Hides the {@code META-INF} resources of portguard's own classes (its {@code spring.factories} and
	 * auto-configuration imports), so that the application started through it is plain Spring Boot.
	 */
	static final class WithoutPortguard extends ClassLoader {

		private final String portguard;

		WithoutPortguard(ClassLoader parent) {
			super(parent);
			this.portguard = PortguardEnvironmentPostProcessor.class.getProtectionDomain()
				.getCodeSource()
				.getLocation()
				.toString();
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			List<URL> resources = Collections.list(super.getResources(name));
			if (name.startsWith("META-INF/")) {
				resources.removeIf((resource) -> resource.toString().startsWith(this.portguard));
			}
			return Collections.enumeration(resources);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(HelloController.class)
	static class WebApp {

	}

	@RestController
	static class HelloController {

		@GetMapping("/")
		String hello() {
			return "hello";
		}

	}

}
