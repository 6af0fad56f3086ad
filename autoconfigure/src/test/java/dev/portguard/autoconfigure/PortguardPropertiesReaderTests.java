package dev.portguard.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.WhenExhausted;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PortguardPropertiesReader}.
 */
class PortguardPropertiesReaderTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void defaultsWhenNothingIsSet() {
		PortguardProperties properties = read();
		assertThat(properties.isAuto()).isFalse();
		assertThat(properties.getMaxAttempts()).isEqualTo(10);
		assertThat(properties.getWhenExhausted()).isEqualTo(WhenExhausted.FAIL);
		assertThat(properties.getPorts()).isEmpty();
	}

	@Test
	void readsKebabAndCamelCaseNames() {
		add("test", "portguard.auto", "TRUE", "portguard.maxAttempts", "3", "portguard.when-exhausted", "Ephemeral",
				"portguard.ports.echo.defaultPort", "7070", "portguard.ports.echo.property", "sample.echo.port");
		PortguardProperties properties = read();
		assertThat(properties.isAuto()).isTrue();
		assertThat(properties.getMaxAttempts()).isEqualTo(3);
		assertThat(properties.getWhenExhausted()).isEqualTo(WhenExhausted.EPHEMERAL);
		assertThat(properties.getPorts().get("echo").getDefaultPort()).isEqualTo(7070);
		assertThat(properties.getPorts().get("echo").getProperty()).isEqualTo("sample.echo.port");
	}

	@Test
	void readsEnvironmentVariables() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("PORTGUARD_AUTO", "true");
		variables.put("PORTGUARD_MAXATTEMPTS", "4");
		variables.put("PORTGUARD_ALTERNATIVES", "9000,9001");
		variables.put("PORTGUARD_PORTS_ECHO_PROPERTY", "sample.echo.port");
		variables.put("PORTGUARD_PORTS_ECHO_DEFAULT_PORT", "7070");
		variables.put("PORTGUARD_PORTS_ECHO_WHENEXHAUSTED", "ephemeral");
		this.environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", variables));
		PortguardProperties properties = read();
		assertThat(properties.isAuto()).isTrue();
		assertThat(properties.getMaxAttempts()).isEqualTo(4);
		assertThat(properties.getAlternatives()).containsExactly(9000, 9001);
		PortguardProperties.Port echo = properties.getPorts().get("echo");
		assertThat(echo.getProperty()).isEqualTo("sample.echo.port");
		assertThat(echo.getDefaultPort()).isEqualTo(7070);
		assertThat(echo.getWhenExhausted()).isEqualTo(WhenExhausted.EPHEMERAL);
	}

	@Test
	void readsIndexedListsAsYamlWritesThem() {
		add("yaml", "portguard.alternatives[1]", "9001", "portguard.alternatives[0]", "9000",
				"portguard.ports[echo].alternatives[0]", "7071", "portguard.ports[echo].property", "sample.echo.port");
		PortguardProperties properties = read();
		assertThat(properties.getAlternatives()).containsExactly(9000, 9001);
		assertThat(properties.getPorts().get("echo").getAlternatives()).containsExactly(7071);
	}

	@Test
	void higherSourceWins() {
		add("low", "portguard.max-attempts", "3", "portguard.range", "10000-10100");
		add("high", "portguard.maxAttempts", "5");
		PortguardProperties properties = read();
		assertThat(properties.getMaxAttempts()).isEqualTo(5);
		assertThat(properties.getRange()).isEqualTo("10000-10100");
	}

	@Test
	void resolvesPlaceholders() {
		add("test", "portguard.ports.echo.address", "${server.address}", "server.address", "127.0.0.1");
		assertThat(read().getPorts().get("echo").getAddress()).isEqualTo("127.0.0.1");
	}

	@Test
	void unknownKeyIsRejectedByName() {
		add("test", "portguard.max-attempt", "3");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("portguard.max-attempt");
			assertThat(ex.getValue()).isEqualTo("3");
			assertThat(ex.getReason()).isEqualTo("portguard has no such property");
			assertThat(ex.getOrigin()).isEqualTo("\"portguard.max-attempt\" from property source \"test\"");
		});
	}

	@Test
	void unknownPortSettingIsRejected() {
		add("test", "portguard.ports.echo.prop", "x");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("portguard.ports.echo.prop"));
	}

	@Test
	void unknownEnvironmentVariableIsRejected() {
		this.environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env", Map.of("PORTGUARD_AUTOMATIC", "true")));
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("PORTGUARD_AUTOMATIC"));
	}

	@Test
	void propertiesOfOtherPrefixesAreIgnored() {
		add("test", "portguardian.enabled", "true", "portguards", "1", "server.port", "8080");
		assertThat(read().isAuto()).isFalse();
	}

	@Test
	void malformedValueCarriesItsOrigin() {
		add("test", "portguard.ports.echo.max-attempts", "0");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("portguard.ports.echo.max-attempts");
			assertThat(ex.getOrigin()).isEqualTo("\"portguard.ports.echo.max-attempts\" from property source \"test\"");
		});
	}

	@Test
	void replaceTimeoutThatWouldOverflowIsRejectedWhenRead() {
		add("test", "portguard.replace.timeout", "1000000d");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("portguard.replace.timeout");
			assertThat(ex.getValue()).isEqualTo("1000000d");
			assertThat(ex.getReason()).isEqualTo("longer than 1h");
			assertThat(ex.getAcceptedForm()).isEqualTo("a duration of at most 1h, such as 10s");
		});
	}

	@Test
	void replaceTimeoutOfAnHourIsAccepted() {
		add("test", "portguard.replace.timeout", "1h");
		assertThat(read().getReplace().getTimeout()).hasHours(1);
	}

	private void add(String name, String... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		this.environment.getPropertySources().addFirst(new MapPropertySource(name, map));
	}

	private PortguardProperties read() {
		return PortguardPropertiesReader.read(this.environment);
	}

}
