package dev.portguard.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.PortValues;
import dev.portguard.policy.Resolution;
import dev.portguard.policy.ResolutionReport;
import dev.portguard.policy.ResolutionStatus;
import dev.portguard.testsupport.Sockets;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PortguardEnvironmentPostProcessor}, on a {@link StandardEnvironment} with ports held by real
 * listeners.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortguardEnvironmentPostProcessorTests {

	private final PortguardEnvironmentPostProcessor postProcessor = new PortguardEnvironmentPostProcessor(
			(destination) -> LogFactory.getLog(PortguardEnvironmentPostProcessor.class));

	private final SpringApplication application = new SpringApplication();

	private final List<StandardEnvironment> environments = new ArrayList<>();

	PortguardEnvironmentPostProcessorTests() {
		this.application.setWebApplicationType(WebApplicationType.SERVLET);
	}

	@Test
	void isOrderedRightAfterConfigData() {
		assertThat(this.postProcessor.getOrder()).isEqualTo(ConfigDataEnvironmentPostProcessor.ORDER + 1);
	}

	@Test
	void autoOffLeavesPortsAsConfiguredWithoutProbing(CapturedOutput output) throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), port)) {
			StandardEnvironment environment = process("server.port", port, "server.address", "127.0.0.1");
			assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(port);
			ResolutionReport report = report(environment);
			assertThat(report.auto()).isFalse();
			Resolution server = report.find("server").orElseThrow();
			assertThat(server.status()).isEqualTo(ResolutionStatus.FIXED);
			assertThat(server.candidates()).isEmpty();
			assertThat(server.note()).isEqualTo("portguard.auto is off: ports are left as configured");
			assertThat(environment.getPropertySources().get("portguard").getProperty("server.port")).isNull();
			assertThat(output).doesNotContain("WARN");
		}
	}

	@Test
	void autoOnWithFreePreferredPortPublishesItFirstAndLogsNothingAboveInfo(CapturedOutput output) {
		int port = Sockets.freeBlock(1);
		StandardEnvironment environment = process("portguard.auto", "true", "server.port", port);
		assertThat(environment.getPropertySources().iterator().next().getName()).isEqualTo("portguard");
		assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(port);
		assertThat(report(environment).find("server").orElseThrow().status()).isEqualTo(ResolutionStatus.PREFERRED);
		assertThat(output).doesNotContain("WARN").doesNotContain("ERROR");
	}

	@Test
	void autoOnWithHeldPortPublishesTheNextPortAndWarns(CapturedOutput output) throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port,
					"server.address", "127.0.0.1");
			assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(port + 1);
			Resolution server = report(environment).find("server").orElseThrow();
			assertThat(server.requested()).isEqualTo(port);
			assertThat(server.resolved()).isEqualTo(port + 1);
			assertThat(server.address()).isEqualTo(Sockets.loopback());
			assertThat(output).contains("WARN")
				.contains("Port " + port + " is in use, using port " + (port + 1) + " instead (server.port)");
		}
	}

	@Test
	void serverPortDefaultsTo8080() {
		StandardEnvironment environment = process();
		assertThat(report(environment).find("server").orElseThrow().requested()).isEqualTo(8080);
	}

	@Test
	void managementPortIsManagedWhenSetAndDifferent() throws IOException {
		int port = Sockets.freeBlock(4);
		try (ServerSocket holder = Sockets.listen(null, port + 2)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port,
					"management.server.port", port + 2);
			assertThat(environment.getProperty("management.server.port", Integer.class)).isEqualTo(port + 3);
			assertThat(report(environment).resolutions()).extracting(Resolution::name)
				.containsExactly("server", "management");
		}
	}

	@Test
	void managementPortSameAsServerPortIsNotManagedButFollowsTheServer() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port,
					"management.server.port", port);
			assertThat(report(environment).resolutions()).extracting(Resolution::name).containsExactly("server");
			assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(port + 1);
			assertThat(environment.getProperty("management.server.port", Integer.class)).isEqualTo(port + 1);
		}
	}

	@Test
	void customPortIsManagedThroughItsProperty() throws IOException {
		int port = Sockets.freeBlock(3);
		try (ServerSocket holder = Sockets.listen(null, port + 1)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port,
					"portguard.ports.echo.property", "sample.echo.port", "sample.echo.port", port + 1);
			assertThat(environment.getProperty("sample.echo.port", Integer.class)).isEqualTo(port + 2);
			Resolution echo = report(environment).find("echo").orElseThrow();
			assertThat(echo.property()).isEqualTo("sample.echo.port");
			assertThat(echo.address()).isNull();
		}
	}

	@Test
	void customPortTakesItsDefaultWhenThePropertyIsUnsetEvenWithAutoOff() {
		int port = Sockets.freeBlock(1);
		StandardEnvironment environment = process("portguard.ports.echo.property", "sample.echo.port",
				"portguard.ports.echo.default-port", port);
		assertThat(environment.getProperty("sample.echo.port", Integer.class)).isEqualTo(port);
	}

	@Test
	void perPortSettingsOverrideGlobalOnes() throws IOException {
		int port = Sockets.freeBlock(1);
		int alternative = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port,
					"portguard.alternatives", "1", "portguard.ports.server.alternatives", alternative);
			assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(alternative);
		}
	}

	@Test
	void onCloudPlatformPortsAreLeftAloneAndItSaysSo(CapturedOutput output) throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port,
					"spring.main.cloud-platform", "kubernetes");
			assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(port);
			assertThat(report(environment).note()).startsWith("Running on kubernetes: its ports are a contract");
			assertThat(output).contains("set portguard.cloud=true to manage them anyway");
		}
	}

	@Test
	void onCloudPlatformWithCloudOptInPortsAreManaged() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "portguard.cloud", "true",
					"server.port", port, "spring.main.cloud-platform", "kubernetes");
			assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(port + 1);
		}
	}

	@Test
	void cloudPlatformSetToNoneMeansNoPlatform() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port,
					"spring.main.cloud-platform", "none");
			assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(port + 1);
			assertThat(report(environment).note()).isNull();
		}
	}

	@Test
	void cloudPlatformDetectedFromItsEnvironmentIsLeftAlone() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port, "DYNO", "web.1");
			assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(port);
			assertThat(report(environment).note()).startsWith("Running on heroku: its ports are a contract");
		}
	}

	@Test
	void nonWebApplicationManagesOnlyItsNamedPorts() {
		this.application.setWebApplicationType(WebApplicationType.NONE);
		int port = Sockets.freeBlock(1);
		StandardEnvironment environment = process("portguard.auto", "true", "portguard.ports.echo.property",
				"sample.echo.port", "sample.echo.port", port);
		assertThat(report(environment).resolutions()).extracting(Resolution::name).containsExactly("echo");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "hex", "HEX", "hash", "plus", "spaces", "tab", "zeros" })
	void serverPortInAFormBootAcceptsIsTheSamePortWithAutoOff(String form) throws IOException {
		int port = Sockets.freeBlock(1);
		String value = write(form, port);
		assertThat(bootPort("server.port", value)).isEqualTo(port);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("server.port", value);
			Resolution server = report(environment).find("server").orElseThrow();
			assertThat(server.requested()).isEqualTo(port);
			assertThat(server.status()).isEqualTo(ResolutionStatus.FIXED);
			assertThat(environment.getPropertySources().get("portguard").getProperty("server.port")).isNull();
			assertThat(bootPort(environment, "server.port")).isEqualTo(port);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "hex", "HEX", "hash", "plus", "spaces", "tab", "zeros" })
	void serverPortInAFormBootAcceptsIsTheSamePortWithAutoOn(String form) {
		int port = Sockets.freeBlock(1);
		String value = write(form, port);
		assertThat(bootPort("server.port", value)).isEqualTo(port);
		StandardEnvironment environment = process("portguard.auto", "true", "server.port", value);
		Resolution server = report(environment).find("server").orElseThrow();
		assertThat(server.requested()).isEqualTo(port);
		assertThat(server.status()).isEqualTo(ResolutionStatus.PREFERRED);
		assertThat(environment.getPropertySources().get("portguard").getProperty("server.port")).isEqualTo(port);
		assertThat(bootPort(environment, "server.port")).isEqualTo(port);
	}

	@Test
	void serverPortInHexThatIsHeldMovesToTheNextPort() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", write("hex", port));
			assertThat(report(environment).find("server").orElseThrow().requested()).isEqualTo(port);
			assertThat(bootPort(environment, "server.port")).isEqualTo(port + 1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "hex", "hash", "plus", "spaces" })
	void managementPortInAFormBootAcceptsIsTheSamePortWithAutoOffAndOn(String form) {
		int port = Sockets.freeBlock(2);
		String value = write(form, port + 1);
		assertThat(bootPort("management.server.port", value)).isEqualTo(port + 1);
		StandardEnvironment off = process("server.port", port, "management.server.port", value);
		assertThat(report(off).find("management").orElseThrow().requested()).isEqualTo(port + 1);
		assertThat(bootPort(off, "management.server.port")).isEqualTo(port + 1);
		StandardEnvironment on = process("portguard.auto", "true", "server.port", port, "management.server.port",
				value);
		Resolution management = report(on).find("management").orElseThrow();
		assertThat(management.requested()).isEqualTo(port + 1);
		assertThat(management.status()).isEqualTo(ResolutionStatus.PREFERRED);
		assertThat(bootPort(on, "management.server.port")).isEqualTo(port + 1);
	}

	@Test
	void managementPortInHexEqualToServerPortIsOneServerAndFollowsItWhenItMoves() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", port,
					"management.server.port", write("hex", port));
			assertThat(report(environment).resolutions()).extracting(Resolution::name).containsExactly("server");
			assertThat(bootPort(environment, "server.port")).isEqualTo(port + 1);
			assertThat(bootPort(environment, "management.server.port")).isEqualTo(port + 1);
		}
	}

	@Test
	void customPortPropertyInHexIsTheSamePort() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "portguard.ports.echo.property",
					"sample.echo.port", "sample.echo.port", write("hash", port));
			assertThat(report(environment).find("echo").orElseThrow().requested()).isEqualTo(port);
			assertThat(bootPort(environment, "sample.echo.port")).isEqualTo(port + 1);
		}
	}

	@Test
	void negativeServerPortBootLeavesUnstartedIsDisabledAndLeftAsWritten() {
		assertThat(bootPort("server.port", "-2")).isEqualTo(-2);
		StandardEnvironment environment = process("portguard.auto", "true", "server.port", "-2");
		assertThat(report(environment).find("server").orElseThrow().status()).isEqualTo(ResolutionStatus.DISABLED);
		assertThat(environment.getPropertySources().get("portguard").getProperty("server.port")).isNull();
		assertThat(bootPort(environment, "server.port")).isEqualTo(-2);
	}

	@Test
	void negativeCustomPortIsStillRejected() {
		assertInvalid("sample.echo.port", "-2", PortValues.PORT_FORM, "portguard.ports.echo.property",
				"sample.echo.port", "sample.echo.port", "-2");
	}

	@Test
	void serverPortThatBootRejectsFailsAsInvalid() {
		for (String value : new String[] { "eighty", "+0x1F90", "0x", "8080.5", "  " }) {
			assertThatExceptionOfType(BindException.class).isThrownBy(() -> bootPort("server.port", value));
			assertInvalid("server.port", value, PortValues.CONVERTED_PORT_FORM, "server.port", value);
		}
	}

	@Test
	void managementPortThatBootRejectsFailsAsInvalid() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bootPort("management.server.port", "0xZZ"));
		assertInvalid("management.server.port", "0xZZ", PortValues.CONVERTED_PORT_FORM, "management.server.port",
				"0xZZ");
	}

	@Test
	void serverPortInHexAboveTheHighestPortFails() {
		assertThat(bootPort("server.port", "0x11170")).isEqualTo(70000);
		assertInvalid("server.port", "0x11170", PortValues.CONVERTED_PORT_FORM, "server.port", "0x11170");
	}

	@Test
	void emptyServerPortIsUnsetAsInBoot() {
		assertThat(bootPort("server.port", "")).isNull();
		StandardEnvironment environment = process("server.port", "");
		assertThat(report(environment).find("server").orElseThrow().requested()).isEqualTo(8080);
	}

	@Test
	void portguardDefaultPortKeepsItsDecimalForm() {
		assertInvalid("portguard.ports.echo.default-port", "0x1B9E", PortValues.PORT_FORM,
				"portguard.ports.echo.property", "sample.echo.port", "portguard.ports.echo.default-port", "0x1B9E");
	}

	@Test
	void serverPortThatIsNotANumberFails() {
		assertInvalid("server.port", "80a", PortValues.PORT_FORM, "server.port", "80a");
	}

	@Test
	void serverPortOutOfRangeFails() {
		assertInvalid("server.port", "70000", PortValues.PORT_FORM, "server.port", "70000");
	}

	@Test
	void managementPortThatIsNotANumberFails() {
		assertInvalid("management.server.port", "x", PortValues.PORT_FORM, "management.server.port", "x");
	}

	@Test
	void reversedRangeFails() {
		assertInvalid("portguard.range", "10100-10000", PortValues.RANGE_FORM, "portguard.range", "10100-10000");
	}

	@Test
	void malformedRangeFails() {
		assertInvalid("portguard.ports.server.range", "10000:10100", PortValues.RANGE_FORM,
				"portguard.ports.server.range", "10000:10100");
	}

	@Test
	void zeroMaxAttemptsFails() {
		assertInvalid("portguard.max-attempts", "0", PortValues.ATTEMPTS_FORM, "portguard.max-attempts", "0");
	}

	@Test
	void negativeMaxAttemptsFails() {
		assertInvalid("portguard.ports.server.max-attempts", "-3", PortValues.ATTEMPTS_FORM,
				"portguard.ports.server.max-attempts", "-3");
	}

	@Test
	void maxAttemptsThatIsNotANumberFails() {
		assertInvalid("portguard.max-attempts", "ten", PortValues.ATTEMPTS_FORM, "portguard.max-attempts", "ten");
	}

	@Test
	void alternativesWithJunkFail() {
		assertInvalid("portguard.alternatives", "8081,abc", PortValues.PORT_LIST_FORM, "portguard.alternatives",
				"8081,abc");
	}

	@Test
	void alternativesWithPortOutOfRangeFail() {
		assertInvalid("portguard.alternatives", "8081,0", PortValues.PORT_LIST_FORM, "portguard.alternatives",
				"8081,0");
	}

	@Test
	void customPortWithoutPropertyFails() {
		assertInvalid("portguard.ports.echo.property", null, "the name of the property that carries the port, e.g. "
				+ "sample.echo.port", "portguard.ports.echo.default-port", "7070");
	}

	@Test
	void customPortWhosePropertyIsUnsetWithoutDefaultFails() {
		assertInvalid("sample.echo.port", null, "set sample.echo.port or portguard.ports.echo.default-port to "
				+ PortValues.PORT_FORM, "portguard.ports.echo.property", "sample.echo.port");
	}

	@Test
	void twoManagedPortsPinnedToTheSameNumberFail() {
		assertInvalid("sample.echo.port", "9000", "a port that no other managed port asks for", "server.port", "9000",
				"portguard.ports.echo.property", "sample.echo.port", "sample.echo.port", "9000");
	}

	@Test
	void unknownPortguardPropertyFails() {
		assertInvalid("portguard.ports.echo.proprety", "sample.echo.port", "one of portguard.auto",
				"portguard.ports.echo.proprety", "sample.echo.port");
	}

	@Test
	void unknownWhenExhaustedValueFails() {
		assertInvalid("portguard.when-exhausted", "sometimes", "fail or ephemeral", "portguard.when-exhausted",
				"sometimes");
	}

	@Test
	void autoThatIsNotABooleanFails() {
		assertInvalid("portguard.auto", "yes please", "true or false", "portguard.auto", "yes please");
	}

	@Test
	void serverAddressThatCannotBeResolvedFails() {
		assertInvalid("server.address", "no-such-host.invalid", "an IP address or host name of this machine",
				"server.address", "no-such-host.invalid");
	}

	@Test
	void builtInPortWithAnotherPropertyFails() {
		assertInvalid("portguard.ports.server.property", "my.port", "nothing, or server.port",
				"portguard.ports.server.property", "my.port");
	}

	@Test
	void invalidValuesAreReportedWithTheirOrigin() {
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> process("server.port", "eighty"))
			.satisfies((ex) -> assertThat(ex.getOrigin()).isEqualTo("\"server.port\" from property source \"test\""));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "server.port", "management.server.port" })
	void bootOwnedPortWhosePlaceholderCannotBeResolvedFailsWithAutoOffAndOn(String property) {
		for (String auto : List.of("false", "true")) {
			assertThatExceptionOfType(InvalidPortConfigurationException.class)
				.isThrownBy(() -> process(property, "${nope}", "portguard.auto", auto))
				.satisfies((ex) -> {
					assertThat(ex.getProperty()).isEqualTo(property);
					assertThat(ex.getValue()).isEqualTo("${nope}");
					assertThat(ex.getReason())
						.isEqualTo("the placeholder 'nope' cannot be resolved: no property or environment variable "
								+ "of that name is set");
					assertThat(ex.getAcceptedForm())
						.isEqualTo(PortValues.CONVERTED_PORT_FORM + ", or a placeholder of a property that is set");
					assertThat(ex.getOrigin()).isEqualTo("\"" + property + "\" from property source \"test\"");
				});
		}
	}

	@Test
	void managementPortIsNotReadWithoutActuatorAsBootDoesNotReadItEither() {
		this.application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader(ManagementPortType.class)));
		for (String auto : List.of("false", "true")) {
			StandardEnvironment environment = process("server.port", "0", "management.server.port", "${nope}",
					"portguard.auto", auto);
			assertThat(report(environment).resolutions()).extracting(Resolution::name).containsExactly("server");
		}
	}

	@Test
	void customPortWhosePlaceholderRefersToItselfFailsNamingIt() {
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> process("portguard.ports.echo.property", "sample.echo.port", "sample.echo.port", "${b}",
					"b", "${b}"))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sample.echo.port");
				assertThat(ex.getValue()).isEqualTo("${b}");
				assertThat(ex.getReason()).isEqualTo("the placeholder 'b' refers to itself (${b} <-- ${b})");
				assertThat(ex.getOrigin()).isEqualTo("\"sample.echo.port\" from property source \"test\"");
			});
	}

	@Test
	void serverPortBeyondAnIntFailsNamingItAsTooLarge() {
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> process("server.port", "99999999999"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("99999999999 is above 65535, the highest port"));
	}

	@Test
	void settingsOfAPortNameInAnotherCaseConfigureThatPort() throws IOException {
		int port = Sockets.freeBlock(3);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), port)) {
			StandardEnvironment environment = process("portguard.auto", "true", "server.port", "0",
					"portguard.ports.echo.property", "test.echo.port", "portguard.ports.echo.address", "127.0.0.1",
					"test.echo.port", port, "portguard.ports.ECHO.max-attempts", "1",
					"portguard.ports.Echo.alternatives", port + 2);
			ResolutionReport report = report(environment);
			assertThat(report.resolutions()).extracting(Resolution::name).containsExactly("server", "echo");
			Resolution echo = report.find("echo").orElseThrow();
			assertThat(echo.resolved()).isEqualTo(port + 2);
			assertThat(environment.getProperty("test.echo.port", Integer.class)).isEqualTo(port + 2);
		}
	}

	private void assertInvalid(String property, String value, String acceptedFormStart, Object... pairs) {
		Consumer<InvalidPortConfigurationException> check = (ex) -> {
			assertThat(ex.getProperty()).isEqualTo(property);
			assertThat(ex.getValue()).isEqualTo(value);
			assertThat(ex.getAcceptedForm()).startsWith(acceptedFormStart);
		};
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(() -> process(pairs))
			.satisfies(check);
	}

	private StandardEnvironment process(Object... pairs) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> properties = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			properties.put((String) pairs[i], String.valueOf(pairs[i + 1]));
		}
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		this.environments.add(environment);
		this.postProcessor.postProcessEnvironment(environment, this.application);
		return environment;
	}

	/**
	 * Write a port in one of the forms Spring Boot's conversion accepts.
	 */
	private static String write(String form, int port) {
		IntFunction<String> hex = (number) -> Integer.toHexString(number).toUpperCase(Locale.ROOT);
		return switch (form) {
			case "hex" -> "0x" + hex.apply(port);
			case "HEX" -> "0X" + hex.apply(port).toLowerCase(Locale.ROOT);
			case "hash" -> "#" + hex.apply(port);
			case "plus" -> "+" + port;
			case "spaces" -> " " + port + " ";
			case "tab" -> "\t" + port + "\n";
			case "zeros" -> "00" + port;
			default -> throw new IllegalArgumentException(form);
		};
	}

	/**
	 * Return the port plain Spring Boot binds for this value alone.
	 */
	private static Integer bootPort(String property, String value) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(property, value)));
		return Binder.get(environment).bind(property, Integer.class).orElse(null);
	}

	/**
	 * Return the port Spring Boot binds from this environment, portguard's property source included.
	 */
	private static Integer bootPort(StandardEnvironment environment, String property) {
		return Binder.get(environment).bind(property, Integer.class).orElse(null);
	}

	private static ResolutionReport report(StandardEnvironment environment) {
		ManagedPorts ports = PortguardPropertySource.findPorts(environment);
		assertThat(ports).isNotNull();
		return ports.report();
	}

	@AfterEach
	void releaseReservations() {
		for (StandardEnvironment environment : this.environments) {
			ManagedPorts ports = PortguardPropertySource.findPorts(environment);
			if (ports != null) {
				ports.releaseAll();
			}
		}
	}

}
