package dev.portguard.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.PortValues;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Reads the properties Spring Boot owns ({@code server.port}, {@code server.address}, their management counterparts)
 * and the properties of custom ports the way Spring Boot's own conversion reads them, so that a value Boot accepts
 * means the same port or address here.
 * <p>
 * Boot binds these properties with its {@link Binder} and {@link ApplicationConversionService}: a port may be written
 * {@code 0x1F90}, {@code #1F90}, {@code +8080} or with whitespace anywhere, and a number from YAML such as
 * {@code 8080.0} is truncated. Whatever {@link Integer#parseInt} reads, Boot reads with the same meaning; that is
 * nearly every value, so it is tried first. Other text goes to Boot's shared conversion service, which Boot's config
 * data processing has already created, and only what that rejects goes to the binder, whose first use adds about
 * 15 ms to a start-up.
 */
final class BootPropertyReader {

	private final ConfigurableEnvironment environment;

	BootPropertyReader(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	/**
	 * Return a property's value as the environment gives it, placeholders resolved.
	 * @param property the property
	 * @param form the accepted form to report if a placeholder in it cannot be resolved
	 * @return the value, or {@code null} when it is not set
	 * @throws InvalidPortConfigurationException if a placeholder cannot be resolved or refers to itself
	 */
	@Nullable String text(String property, String form) {
		try {
			return this.environment.getProperty(property);
		}
		catch (PlaceholderResolutionException ex) {
			throw UnresolvablePlaceholder.invalid(property, written(property), ex, form, null);
		}
	}

	/**
	 * Return a property's value as written in the first property source that has it, placeholders unresolved.
	 */
	private @Nullable String written(String property) {
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			Object value = source.getProperty(property);
			if (value != null) {
				return value.toString();
			}
		}
		return null;
	}

	/**
	 * Return whether a value counts as unset: Boot's conversion turns an empty value into no value.
	 * @param value the value as the environment gives it
	 * @return whether it is unset
	 */
	static boolean isUnset(@Nullable String value) {
		return value == null || value.isEmpty();
	}

	/**
	 * Convert a port as Spring Boot does. The number is not range-checked.
	 * @param property the property that holds the port
	 * @param value its value as the environment gives it, not empty
	 * @return the number Boot reads
	 * @throws InvalidPortConfigurationException if Boot cannot read it as a number
	 */
	int port(String property, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			Integer port = convert(property, value, Integer.class);
			if (port == null) {
				String outOfRange = PortValues.outOfRange(value, PortValues.DISABLED, true);
				throw new InvalidPortConfigurationException(property, value,
						(outOfRange != null) ? outOfRange : "not a whole number", PortValues.CONVERTED_PORT_FORM);
			}
			return port;
		}
	}

	/**
	 * Read an address as Spring Boot does: its formatter resolves the text as it is, and reads blank text as unset.
	 * @param property the property that holds the address
	 * @param form the accepted form to report if it cannot be read
	 * @return the address, or {@code null} when the property is unset or blank (every interface)
	 * @throws InvalidPortConfigurationException if Boot cannot read it as an address
	 */
	@Nullable InetAddress address(String property, String form) {
		String value = text(property, form);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return InetAddress.getByName(value);
		}
		catch (UnknownHostException | SecurityException ex) {
			throw new InvalidPortConfigurationException(property, value, "the address cannot be resolved", form);
		}
	}

	private <T> @Nullable T convert(String property, String value, Class<T> type) {
		try {
			return ApplicationConversionService.getSharedInstance().convert(value, type);
		}
		catch (ConversionException ex) {
			// Text Boot cannot convert may stand for a value that is not text, which the binder converts as it is.
			return bind(property, type);
		}
	}

	/**
	 * Bind the property from its raw value, as Boot binds it; {@code null} if Boot rejects it or if the binder does
	 * not take its name (such as a custom port's {@code app.echoPort}).
	 */
	private <T> @Nullable T bind(String property, Class<T> type) {
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
		if (name == null) {
			return null;
		}
		try {
			return Binder.get(this.environment).bind(name, Bindable.of(type)).orElse(null);
		}
		catch (BindException ex) {
			return null;
		}
	}

}
