package dev.portguard.autoconfigure;

import dev.portguard.policy.InvalidPortConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.PlaceholderResolutionException;

/**
 * Turns a placeholder that cannot be resolved, or that refers to itself, into an
 * {@link InvalidPortConfigurationException} that names the property, the value as written and what is missing.
 */
final class UnresolvablePlaceholder {

	private UnresolvablePlaceholder() {
	}

	/**
	 * Explain why a property's placeholder cannot be resolved.
	 * @param property the property whose value holds the placeholder
	 * @param value the value as written, placeholders unresolved
	 * @param failure what the environment reported
	 * @param form the form the property accepts once resolved
	 * @param origin where the value was set, if known
	 * @return the exception to throw
	 */
	static InvalidPortConfigurationException invalid(String property, @Nullable String value,
			PlaceholderResolutionException failure, String form, @Nullable String origin) {
		String placeholder = failure.getPlaceholder();
		String reason = circular(failure) ? "the placeholder '" + placeholder + "' refers to itself ("
				+ String.join(" <-- ", failure.getValues()) + ")"
				: "the placeholder '" + placeholder + "' cannot be resolved: no property or environment variable of "
						+ "that name is set";
		return new InvalidPortConfigurationException(property, value, reason,
				form + ", or a placeholder of a property that is set", origin);
	}

	private static boolean circular(PlaceholderResolutionException failure) {
		String message = failure.getMessage();
		return message != null && message.startsWith("Circular placeholder reference");
	}

}
