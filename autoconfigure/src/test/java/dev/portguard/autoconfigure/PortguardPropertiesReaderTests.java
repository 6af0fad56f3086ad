package dev.portguard.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.WhenExhausted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

	@Test
	void discoveryKeysAreAccepted() {
		add("test", "portguard.discovery.enabled", "false", "portguard.discovery.cache-ttl", "250ms",
				"portguard.discovery.order", "-5");
		PortguardProperties.Discovery discovery = read().getDiscovery();
		assertThat(discovery.isEnabled()).isFalse();
		assertThat(discovery.getCacheTtl()).hasMillis(250);
		assertThat(discovery.getOrder()).isEqualTo(-5);
	}

	@Test
	void discoveryKeysAreAcceptedAsEnvironmentVariables() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("PORTGUARD_DISCOVERY_CACHETTL", "2s");
		variables.put("PORTGUARD_DISCOVERY_ENABLED", "true");
		this.environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", variables));
		assertThat(read().getDiscovery().getCacheTtl()).hasSeconds(2);
	}

	@Test
	void discoveryOrderThatIsNotAnIntegerIsRejected() {
		add("test", "portguard.discovery.order", "last");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("portguard.discovery.order");
			assertThat(ex.getReason()).isEqualTo("not an integer");
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			portguard.range                  | two ports from 1 to 65535 joined by '-', lowest first, e.g. 10000-10100
			portguard.alternatives           | a comma-separated list of ports from 1 to 65535, e.g. 8081,9080
			portguard.max-attempts           | a whole number of at least 1, e.g. 10
			portguard.when-exhausted         | fail or ephemeral
			portguard.auto                   | true or false
			portguard.replace.timeout        | a duration such as 10s, 500ms or PT10S
			portguard.discovery.cache-ttl    | a duration such as 10s, 500ms or PT10S
			portguard.registry.directory     | a directory, e.g. ${user.home}/.portguard/instances
			portguard.ports.echo.property    | the name of the property that carries the port, e.g. sample.echo.port
			portguard.ports.echo.default-port | a whole number from 0 to 65535 (0 picks a random port) or -1 (disabled), e.g. 8080
			portguard.ports.echo.address     | an IP address or host name of this machine, e.g. 127.0.0.1
			portguard.ports.echo.range       | two ports from 1 to 65535 joined by '-', lowest first, e.g. 10000-10100
			portguard.ports.echo.alternatives[0] | a comma-separated list of ports from 1 to 65535, e.g. 8081,9080
			""")
	void placeholderThatCannotBeResolvedIsReportedAsSuchWithTheValueAsWritten(String property, String form) {
		add("test", property, "${r}");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo(property);
			assertThat(ex.getValue()).isEqualTo("${r}");
			assertThat(ex.getReason()).isEqualTo(
					"the placeholder 'r' cannot be resolved: no property or environment variable of that name is set");
			assertThat(ex.getAcceptedForm()).isEqualTo(form + ", or a placeholder of a property that is set");
			assertThat(ex.getOrigin()).isEqualTo("\"" + property + "\" from property source \"test\"");
		});
	}

	@Test
	void placeholderThatRefersToItselfIsReportedAsSuch() {
		add("test", "portguard.range", "${a}", "a", "${b}", "b", "${a}");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("portguard.range");
			assertThat(ex.getValue()).isEqualTo("${a}");
			assertThat(ex.getReason()).startsWith("the placeholder 'a' refers to itself (");
		});
	}

	@Test
	void unknownKeyWithAPlaceholderThatRefersToItselfIsReportedAsUnknown() {
		add("test", "portguard.rang", "${b}", "b", "${b}");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read).satisfies((ex) -> {
			assertThat(ex.getValue()).isEqualTo("${b}");
			assertThat(ex.getReason()).isEqualTo("portguard has no such property");
		});
	}

	@Test
	void placeholderWithADefaultIsResolved() {
		add("test", "portguard.range", "${r:10000-10100}");
		assertThat(read().getRange()).isEqualTo("10000-10100");
	}

	@Test
	void portNameInAnyCaseOrWithDashesIsOnePortAsBootsRelaxedBindingReadsIt() {
		add("test", "portguard.ports.echo.property", "sample.echo.port", "portguard.ports.ECHO.max-attempts", "3",
				"portguard.ports.Echo.range", "10000-10100", "portguard.ports.e-c-h-o.alternatives", "7171");
		PortguardProperties properties = read();
		assertThat(properties.getPorts()).containsOnlyKeys("echo");
		PortguardProperties.Port echo = properties.getPorts().get("echo");
		assertThat(echo.getProperty()).isEqualTo("sample.echo.port");
		assertThat(echo.getMaxAttempts()).isEqualTo(3);
		assertThat(echo.getRange()).isEqualTo("10000-10100");
		assertThat(echo.getAlternatives()).containsExactly(7171);
	}

	@Test
	void portKeepsTheNameOfItsPropertyKeyWhenAHigherSourceSpellsItOtherwise() {
		add("application.properties", "portguard.ports.myEcho.property", "sample.echo.port");
		add("commandLineArgs", "portguard.ports.MY-ECHO.max-attempts", "3");
		Map<String, Object> variables = Map.of("PORTGUARD_PORTS_MYECHO_RANGE", "10000-10100");
		this.environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", variables));
		PortguardProperties properties = read();
		assertThat(properties.getPorts()).containsOnlyKeys("myEcho");
		assertThat(properties.getPorts().get("myEcho").getMaxAttempts()).isEqualTo(3);
		assertThat(properties.getPorts().get("myEcho").getRange()).isEqualTo("10000-10100");
	}

	@Test
	void higherSourceWinsWhateverTheSpellingOfThePortName() {
		add("low", "portguard.ports.echo.property", "sample.echo.port", "portguard.ports.echo.max-attempts", "3");
		add("high", "portguard.ports.ECHO.maxAttempts", "5");
		assertThat(read().getPorts().get("echo").getMaxAttempts()).isEqualTo(5);
	}

	@Test
	void builtInPortInAnotherCaseIsTheBuiltInPort() {
		add("test", "portguard.ports.SERVER.max-attempts", "3", "portguard.ports.Management.range", "9000-9100");
		PortguardProperties properties = read();
		assertThat(properties.getPorts()).containsOnlyKeys("server", "management");
		assertThat(properties.getPorts().get("server").getMaxAttempts()).isEqualTo(3);
		assertThat(properties.getPorts().get("management").getRange()).isEqualTo("9000-9100");
	}

	@Test
	void twoSpellingsOfOneSettingInOneSourceMustAgree() {
		add("test", "portguard.ports.echo.max-attempts", "3", "portguard.ports.ECHO.max-attempts", "5");
		assertThatExceptionOfType(InvalidPortConfigurationException.class).isThrownBy(this::read).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("portguard.ports.ECHO.max-attempts");
			assertThat(ex.getValue()).isEqualTo("5");
			assertThat(ex.getReason()).isEqualTo("the same setting is also set as portguard.ports.echo.max-attempts=3 in "
					+ "the same place (test); Spring Boot reads both names as one setting");
			assertThat(ex.getAcceptedForm()).isEqualTo("one value, set under one name");
			assertThat(ex.getOrigin()).isEqualTo("\"portguard.ports.ECHO.max-attempts\" from property source \"test\"");
		});
	}

	@Test
	void twoSpellingsOfOneSettingInOneSourceThatAgreeAreOneSetting() {
		add("test", "portguard.max-attempts", "3", "portguard.maxAttempts", "3");
		assertThat(read().getMaxAttempts()).isEqualTo(3);
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
