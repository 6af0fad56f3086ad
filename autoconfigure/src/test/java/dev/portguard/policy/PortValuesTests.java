package dev.portguard.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PortValues}.
 */
class PortValuesTests {

	@Test
	void parsePortAcceptsPortsRandomAndDisabled() {
		assertThat(PortValues.parsePort("server.port", " 8080 ")).isEqualTo(8080);
		assertThat(PortValues.parsePort("server.port", "0")).isZero();
		assertThat(PortValues.parsePort("server.port", "-1")).isEqualTo(-1);
		assertThat(PortValues.parsePort("server.port", "65535")).isEqualTo(65535);
	}

	@Test
	void parsePortWhenNotANumberNamesPropertyValueAndForm() {
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePort("server.port", "80a"))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("server.port");
				assertThat(ex.getValue()).isEqualTo("80a");
				assertThat(ex.getReason()).isEqualTo("not a whole number");
				assertThat(ex.getAcceptedForm()).isEqualTo(PortValues.PORT_FORM);
			});
	}

	@Test
	void parsePortWhenOutOfRangeFails() {
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePort("server.port", "65536"))
			.withMessage("Invalid value '65536' for property 'server.port': not a valid port number; accepted: "
					+ PortValues.PORT_FORM);
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePort("server.port", "-2"));
	}

	@Test
	void checkPortOfAConvertedNumberReportsTheValueAsWrittenAndTheGivenForm() {
		assertThat(PortValues.checkPort("server.port", "0x1F90", 8080, PortValues.CONVERTED_PORT_FORM)).isEqualTo(8080);
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.checkPort("server.port", "0x11170", 70000, PortValues.CONVERTED_PORT_FORM))
			.withMessage("Invalid value '0x11170' for property 'server.port': not a valid port number; accepted: "
					+ "a whole number from 0 to 65535 (0 picks a random port) or -1 (disabled), e.g. 8080, "
					+ "also written in hexadecimal, e.g. 0x1F90");
	}

	@Test
	void parseRangeAcceptsTwoBounds() {
		assertThat(PortValues.parseRange("portguard.range", "10000-10100")).isEqualTo(new PortRange(10000, 10100));
		assertThat(PortValues.parseRange("portguard.range", " 10000 - 10000 ")).isEqualTo(new PortRange(10000, 10000));
	}

	@Test
	void parseRangeWhenReversedFails() {
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parseRange("portguard.range", "10100-10000"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the range is reversed (10100 is above 10000)"));
	}

	@Test
	void parseRangeWhenMalformedFails() {
		for (String value : new String[] { "10000", "10000-", "-10000", "a-b", "10000-10100-10200", "0-10", "1-70000",
				"10000..10100" }) {
			assertThatExceptionOfType(InvalidPortConfigurationException.class).as(value)
				.isThrownBy(() -> PortValues.parseRange("portguard.range", value))
				.satisfies((ex) -> {
					assertThat(ex.getValue()).isEqualTo(value);
					assertThat(ex.getAcceptedForm()).isEqualTo(PortValues.RANGE_FORM);
				});
		}
	}

	@Test
	void parsePortListAcceptsCommaSeparatedPorts() {
		assertThat(PortValues.parsePortList("portguard.alternatives", "8081, 9080")).containsExactly(8081, 9080);
		assertThat(PortValues.parsePortList("portguard.alternatives", "")).isEmpty();
	}

	@Test
	void parsePortListWithJunkFails() {
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePortList("portguard.alternatives", "8081,abc"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("'abc' is not a number"));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePortList("portguard.alternatives", "8081,,8082"));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePortList("portguard.alternatives", "0"));
	}

	@Test
	void attemptsMustBeAtLeastOne() {
		assertThat(PortValues.parseAttempts("portguard.max-attempts", "1")).isOne();
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parseAttempts("portguard.max-attempts", "0"));
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.checkAttempts("portguard.max-attempts", -3))
			.satisfies((ex) -> assertThat(ex.getAcceptedForm()).isEqualTo(PortValues.ATTEMPTS_FORM));
	}

	@Test
	void numbersBeyondAnIntAreNamedAsTooLargeOrTooSmall() {
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parseRange("portguard.range", "1-99999999999"))
			.withMessage("Invalid value '1-99999999999' for property 'portguard.range': 99999999999 is above 65535, "
					+ "the highest port; accepted: " + PortValues.RANGE_FORM);
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePortList("portguard.alternatives", "8081,99999999999"))
			.withMessage("Invalid value '8081,99999999999' for property 'portguard.alternatives': 99999999999 is above "
					+ "65535, the highest port; accepted: " + PortValues.PORT_LIST_FORM);
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePort("portguard.ports.echo.default-port", "-99999999999"))
			.withMessage("Invalid value '-99999999999' for property 'portguard.ports.echo.default-port': -99999999999 "
					+ "is below -1, the lowest port accepted here; accepted: " + PortValues.PORT_FORM);
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parseAttempts("portguard.max-attempts", "99999999999"))
			.withMessage("Invalid value '99999999999' for property 'portguard.max-attempts': 99999999999 is too large: "
					+ "at most 2147483647 attempts; accepted: " + PortValues.ATTEMPTS_FORM);
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parseAttempts("portguard.max-attempts", "-99999999999"))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("at least one attempt (the preferred port itself) is needed"));
	}

	@Test
	void hexadecimalIsNamedAsTooLargeOnlyWhereItIsAccepted() {
		assertThat(PortValues.outOfRange("0x1FFFFFFFFF", PortValues.DISABLED, true))
			.isEqualTo("137438953471 is above 65535, the highest port");
		assertThat(PortValues.outOfRange("0x1FFFFFFFFF", 1, false)).isNull();
		assertThat(PortValues.outOfRange("70000", 1, false)).as("an int: checked as a port, not here").isNull();
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> PortValues.parsePortList("portguard.alternatives", "0x1F90"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("'0x1F90' is not a number"));
	}

}
