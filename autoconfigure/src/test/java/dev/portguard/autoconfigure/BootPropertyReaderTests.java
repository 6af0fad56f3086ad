package dev.portguard.autoconfigure;

import java.net.InetAddress;
import java.util.Map;

import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.PortValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BootPropertyReader}, each value checked against what Spring Boot's own {@link Binder} makes of it.
 */
class BootPropertyReaderTests {

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "8080", "0x1F90", "0X1f90", "#1F90", "+8080", "08080", " 8080 ", "\t8080\n", "80 80",
			"-1", "-0x1", "-#1", "-2", "0", "70000", "\u0668\u0660\u0668\u0660" })
	void portThatBootAcceptsIsTheNumberBootBinds(String value) {
		StandardEnvironment environment = environment("server.port", value);
		Integer boot = Binder.get(environment).bind("server.port", Integer.class).get();
		assertThat(new BootPropertyReader(environment).port("server.port", value)).isEqualTo(boot);
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "eighty", "80a", "+0x1F90", "0x", "8080.0", "1e3", "  " })
	void portThatBootRejectsFailsNamingThePropertyAndTheAcceptedForm(String value) {
		StandardEnvironment environment = environment("server.port", value);
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> Binder.get(environment).bind("server.port", Integer.class));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> new BootPropertyReader(environment).port("server.port", value))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("server.port");
				assertThat(ex.getValue()).isEqualTo(value);
				assertThat(ex.getReason()).isEqualTo("not a whole number");
				assertThat(ex.getAcceptedForm()).isEqualTo(PortValues.CONVERTED_PORT_FORM);
			});
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "99999999999", " 99999999999 ", "0x1FFFFFFFFF", "#1FFFFFFFFF", "-99999999999" })
	void portBeyondAnIntThatBootRejectsFailsNamingItAsOutOfRange(String value) {
		StandardEnvironment environment = environment("server.port", value);
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> Binder.get(environment).bind("server.port", Integer.class));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> new BootPropertyReader(environment).port("server.port", value))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("server.port");
				assertThat(ex.getValue()).isEqualTo(value);
				assertThat(ex.getReason()).isEqualTo(value.trim().startsWith("-")
						? "-99999999999 is below -1, the lowest port accepted here"
						: (value.contains("F") ? "137438953471" : "99999999999") + " is above 65535, the highest port");
				assertThat(ex.getAcceptedForm()).isEqualTo(PortValues.CONVERTED_PORT_FORM);
			});
	}

	@Test
	void portWhosePlaceholderCannotBeResolvedFailsAsBootDoesNamingTheValueAsWritten() {
		StandardEnvironment environment = environment("server.port", "${nope}");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> Binder.get(environment).bind("server.port", Integer.class));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> new BootPropertyReader(environment).text("server.port", PortValues.CONVERTED_PORT_FORM))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("server.port");
				assertThat(ex.getValue()).isEqualTo("${nope}");
				assertThat(ex.getReason())
					.isEqualTo("the placeholder 'nope' cannot be resolved: no property or environment variable of "
							+ "that name is set");
				assertThat(ex.getAcceptedForm())
					.isEqualTo(PortValues.CONVERTED_PORT_FORM + ", or a placeholder of a property that is set");
			});
	}

	@Test
	void portWhosePlaceholderRefersToItselfFailsAsBootDoesNamingTheValueAsWritten() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("sample.echo.port", "${b}", "b", "${b}")));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> Binder.get(environment).bind("sample.echo.port", Integer.class));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> new BootPropertyReader(environment).text("sample.echo.port", "a port"))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sample.echo.port");
				assertThat(ex.getValue()).isEqualTo("${b}");
				assertThat(ex.getReason()).isEqualTo("the placeholder 'b' refers to itself (${b} <-- ${b})");
				assertThat(ex.getAcceptedForm()).isEqualTo("a port, or a placeholder of a property that is set");
			});
	}

	@Test
	void placeholderOfAnEnvironmentVariableIsReportedAsWritten() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", Map.of("SERVER_PORT", "${PORT}")));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> new BootPropertyReader(environment).text("server.port", "a port"))
			.satisfies((ex) -> assertThat(ex.getValue()).isEqualTo("${PORT}"));
	}

	@Test
	void portWrittenAsADecimalNumberInYamlIsTruncatedAsBootBindsIt() {
		StandardEnvironment environment = environment("server.port", 8080.0);
		String text = environment.getProperty("server.port");
		assertThat(text).isEqualTo("8080.0");
		assertThat(Binder.get(environment).bind("server.port", Integer.class).get()).isEqualTo(8080);
		assertThat(new BootPropertyReader(environment).port("server.port", text)).isEqualTo(8080);
	}

	@Test
	void portOfAPropertyWhoseNameTheBinderDoesNotTakeIsConvertedByBootsConversionService() {
		StandardEnvironment environment = environment("sample.echoPort", "0x1B9E");
		assertThat(new BootPropertyReader(environment).port("sample.echoPort", "0x1B9E")).isEqualTo(7070);
	}

	@Test
	void emptyValueIsUnsetAsBootsConversionReadsItAndBlankIsNot() {
		assertThat(BootPropertyReader.isUnset(null)).isTrue();
		assertThat(BootPropertyReader.isUnset("")).isTrue();
		assertThat(BootPropertyReader.isUnset(" ")).isFalse();
		StandardEnvironment environment = environment("server.port", "");
		assertThat(Binder.get(environment).bind("server.port", Integer.class).isBound()).isFalse();
	}

	@Test
	void addressGivenAsAnObjectIsReadThroughTheConversionServiceOfABootEnvironment() {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		StandardEnvironment environment = environment("server.address", loopback);
		environment.setConversionService(new ApplicationConversionService());
		assertThat(Binder.get(environment).bind("server.address", InetAddress.class).get()).isEqualTo(loopback);
		assertThat(new BootPropertyReader(environment).address("server.address", "an address")).isEqualTo(loopback);
	}

	@Test
	void addressIsResolvedAsBootResolvesIt() {
		StandardEnvironment environment = environment("server.address", "127.0.0.1");
		InetAddress boot = Binder.get(environment).bind("server.address", InetAddress.class).get();
		assertThat(new BootPropertyReader(environment).address("server.address", "an address")).isEqualTo(boot);
	}

	@Test
	void blankAddressMeansEveryInterfaceAsInBoot() {
		StandardEnvironment environment = environment("server.address", "  ");
		assertThat(Binder.get(environment).bind("server.address", InetAddress.class).isBound()).isFalse();
		assertThat(new BootPropertyReader(environment).address("server.address", "an address")).isNull();
	}

	@Test
	void addressThatCannotBeResolvedFailsNamingThePropertyAndTheAcceptedForm() {
		StandardEnvironment environment = environment("server.address", "no-such-host.invalid");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> Binder.get(environment).bind("server.address", InetAddress.class));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> new BootPropertyReader(environment).address("server.address", "an address"))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("server.address");
				assertThat(ex.getValue()).isEqualTo("no-such-host.invalid");
				assertThat(ex.getAcceptedForm()).isEqualTo("an address");
			});
	}

	private static StandardEnvironment environment(String name, Object value) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(name, value)));
		return environment;
	}

}
