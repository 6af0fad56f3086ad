package dev.portguard.policy;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a port setting is malformed: it names the property, the value and the form that is accepted.
 */
public class InvalidPortConfigurationException extends RuntimeException {

	private final String property;

	private final @Nullable String value;

	private final String reason;

	private final String acceptedForm;

	private final @Nullable String origin;

	/**
	 * Create a new exception.
	 * @param property the property that holds the bad value
	 * @param value the bad value, as written
	 * @param reason why the value is rejected
	 * @param acceptedForm the form the property accepts, with an example
	 */
	public InvalidPortConfigurationException(String property, @Nullable String value, String reason,
			String acceptedForm) {
		this(property, value, reason, acceptedForm, null);
	}

	/**
	 * Create a new exception.
	 * @param property the property that holds the bad value
	 * @param value the bad value, as written
	 * @param reason why the value is rejected
	 * @param acceptedForm the form the property accepts, with an example
	 * @param origin where the value was set, if known
	 */
	public InvalidPortConfigurationException(String property, @Nullable String value, String reason,
			String acceptedForm, @Nullable String origin) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason + "; accepted: "
				+ acceptedForm);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.acceptedForm = acceptedForm;
		this.origin = origin;
	}

	/**
	 * Return a copy of this exception that also says where the value was set.
	 * @param origin where the value was set
	 * @return a new exception
	 */
	public InvalidPortConfigurationException withOrigin(@Nullable String origin) {
		if (origin == null) {
			return this;
		}
		InvalidPortConfigurationException copy = new InvalidPortConfigurationException(this.property, this.value,
				this.reason, this.acceptedForm, origin);
		copy.setStackTrace(getStackTrace());
		return copy;
	}

	/**
	 * Return the property that holds the bad value.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the bad value as written, or {@code null} when the property is missing.
	 * @return the value
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Return why the value is rejected.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return the form the property accepts.
	 * @return the accepted form, with an example
	 */
	public String getAcceptedForm() {
		return this.acceptedForm;
	}

	/**
	 * Return where the value was set, if known.
	 * @return the origin or {@code null}
	 */
	public @Nullable String getOrigin() {
		return this.origin;
	}

}
