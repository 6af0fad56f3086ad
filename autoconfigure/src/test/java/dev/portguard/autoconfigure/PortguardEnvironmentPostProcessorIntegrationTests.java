package dev.portguard.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;
import dev.portguard.policy.ResolutionStatus;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Integration tests that run {@link SpringApplication} with portguard registered through
 * {@code META-INF/spring.factories} and the auto-configuration imports.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortguardEnvironmentPostProcessorIntegrationTests {

	@Test
	void heldPortIsMovedBeforeAnyBeanReadsIt(CapturedOutput output) throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port);
				ConfigurableApplicationContext context = run("--portguard.auto=true",
						"--portguard.ports.echo.property=test.echo.port", "--test.echo.port=" + port)) {
			assertThat(context.getBean(PortReader.class).port).isEqualTo(port + 1);
			ManagedPorts ports = context.getBean(ManagedPorts.class);
			assertThat(ports.find("echo").orElseThrow().status()).isEqualTo(ResolutionStatus.FALLBACK);
			assertThat(output).contains("Port " + port + " is in use, using port " + (port + 1)
					+ " instead (test.echo.port)");
		}
	}

	@Test
	void malformedValueEndsStartUpWithAFailureAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--portguard.auto=true",
				"--portguard.ports.echo.property=test.echo.port", "--test.echo.port=7070",
				"--portguard.range=10100-10000"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("portguard cannot read the port configuration.")
			.contains("Property: portguard.range")
			.contains("Value: \"10100-10000\"")
			.contains("Origin: \"portguard.range\" from property source \"commandLineArgs\"")
			.contains("Reason: the range is reversed (10100 is above 10000)")
			.contains("set 'portguard.range' to two ports from 1 to 65535 joined by '-', lowest first");
	}

	@Test
	void rangeWhosePlaceholderCannotBeResolvedEndsStartUpSayingSo(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--portguard.auto=true",
				"--portguard.ports.echo.property=test.echo.port", "--test.echo.port=7070", "--portguard.range=${r}"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: portguard.range")
			.contains("Value: \"${r}\"")
			.contains("Origin: \"portguard.range\" from property source \"commandLineArgs\"")
			.contains("Reason: the placeholder 'r' cannot be resolved: no property or environment variable of that "
					+ "name is set")
			.contains("set 'portguard.range' to two ports from 1 to 65535 joined by '-', lowest first, "
					+ "e.g. 10000-10100, or a placeholder of a property that is set.")
			.doesNotContain("two bounds");
	}

	@Test
	void customPortWhosePlaceholderRefersToItselfEndsStartUpWithAnAnalysisWithAutoOffAndOn(CapturedOutput output) {
		for (String auto : List.of("false", "true")) {
			assertThatException().isThrownBy(() -> run("--portguard.auto=" + auto,
					"--portguard.ports.echo.property=test.echo.port", "--test.echo.port=${b}", "--b=${b}"));
		}
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: test.echo.port")
			.contains("Value: \"${b}\"")
			.contains("Origin: \"test.echo.port\" from property source \"commandLineArgs\"")
			.contains("Reason: the placeholder 'b' refers to itself (${b} <-- ${b})")
			.doesNotContain("PlaceholderResolutionException");
	}

	@Test
	void settingOfACustomPortSpelledInUpperCaseConfiguresThatPort(CapturedOutput output) throws IOException {
		int port = Sockets.freeBlock(3);
		try (ServerSocket holder = Sockets.listen(null, port);
				ConfigurableApplicationContext context = run("--portguard.auto=true",
						"--portguard.ports.echo.property=test.echo.port", "--test.echo.port=" + port,
						"--portguard.ports.ECHO.max-attempts=1", "--PORTGUARD.PORTS.Echo.ALTERNATIVES=" + (port + 2))) {
			assertThat(context.getBean(PortReader.class).port).isEqualTo(port + 2);
			ManagedPorts ports = context.getBean(ManagedPorts.class);
			assertThat(ports.report().resolutions()).extracting(Resolution::name).containsExactly("echo");
			assertThat(output).contains("Port " + port + " is in use, using port " + (port + 2)
					+ " instead (test.echo.port)");
		}
	}

	@Test
	void exhaustedPolicyEndsStartUpWithEveryPortTried(CapturedOutput output) throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket first = Sockets.listen(null, port); ServerSocket second = Sockets.listen(null, port + 1)) {
			assertThatException().isThrownBy(() -> run("--portguard.auto=true", "--portguard.max-attempts=2",
					"--portguard.ports.echo.property=test.echo.port", "--test.echo.port=" + port));
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("portguard found no free port for 'echo' (test.echo.port=" + port + ")")
				.contains("    " + port + "  preferred  in use")
				.contains("    " + (port + 1) + "  next  in use");
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(TestConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(PortReader.class)
	static class TestConfiguration {

	}

	static class PortReader {

		final int port;

		PortReader(@Value("${test.echo.port}") int port) {
			this.port = port;
		}

	}

}
