package dev.portguard.diagnostics;

import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.PortValues;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidPortConfigurationFailureAnalyzer}.
 */
class InvalidPortConfigurationFailureAnalyzerTests {

	private final InvalidPortConfigurationFailureAnalyzer analyzer = new InvalidPortConfigurationFailureAnalyzer();

	@Test
	void analysisNamesPropertyValueOriginReasonAndAcceptedForm() {
		InvalidPortConfigurationException failure = new InvalidPortConfigurationException("portguard.range",
				"10100-10000", "the range is reversed (10100 is above 10000)", PortValues.RANGE_FORM,
				"class path resource [application.properties] - 3:17");
		FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription()).isEqualTo("""
				portguard cannot read the port configuration.

				    Property: portguard.range
				    Value: "10100-10000"
				    Origin: class path resource [application.properties] - 3:17
				    Reason: the range is reversed (10100 is above 10000)""");
		assertThat(analysis.getAction()).isEqualTo("Update your application's configuration: set 'portguard.range' "
				+ "to two ports from 1 to 65535 joined by '-', lowest first, e.g. 10000-10100.");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void analysisOfAMissingValueSaysUnset() {
		InvalidPortConfigurationException failure = new InvalidPortConfigurationException(
				"portguard.ports.echo.property", null, "the managed port 'echo' does not say which property carries it",
				"the name of the property that carries the port, e.g. sample.echo.port");
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo("""
				portguard cannot read the port configuration.

				    Property: portguard.ports.echo.property
				    Value: (unset)
				    Reason: the managed port 'echo' does not say which property carries it""");
	}

}
