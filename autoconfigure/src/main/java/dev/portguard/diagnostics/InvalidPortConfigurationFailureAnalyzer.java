package dev.portguard.diagnostics;

import dev.portguard.policy.InvalidPortConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an {@link InvalidPortConfigurationException}: the property, the value, where it was set, and the form
 * that is accepted.
 */
class InvalidPortConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPortConfigurationException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPortConfigurationException cause) {
		StringBuilder description = new StringBuilder()
			.append("portguard cannot read the port configuration.\n\n")
			.append("    Property: ")
			.append(cause.getProperty())
			.append('\n')
			.append("    Value: ")
			.append((cause.getValue() != null) ? "\"" + cause.getValue() + "\"" : "(unset)")
			.append('\n');
		if (cause.getOrigin() != null) {
			description.append("    Origin: ").append(cause.getOrigin()).append('\n');
		}
		description.append("    Reason: ").append(cause.getReason());
		String action = "Update your application's configuration: set '" + cause.getProperty() + "' to "
				+ cause.getAcceptedForm() + ".";
		return new FailureAnalysis(description.toString(), action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
