package dev.portguard.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.PortRange;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.PortValues;
import dev.portguard.policy.WhenExhausted;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Turns bound {@link PortguardProperties} and the application's own port properties into the list of managed
 * {@link PortRequest requests}, validating every value on the way. The application's own properties are read as Spring
 * Boot reads them ({@link BootPropertyReader}).
 */
final class PortRequests {

	static final String SERVER = "server";

	static final String MANAGEMENT = "management";

	static final String SERVER_PORT = "server.port";

	static final String MANAGEMENT_PORT = "management.server.port";

	static final int DEFAULT_SERVER_PORT = 8080;

	static final String ADDRESS_FORM = "an IP address or host name of this machine, e.g. 127.0.0.1";

	static final String PROPERTY_FORM = "the name of the property that carries the port, e.g. sample.echo.port";

	private final List<PortRequest> requests;

	private final Map<String, Object> defaults;

	private PortRequests(List<PortRequest> requests, Map<String, Object> defaults) {
		this.requests = requests;
		this.defaults = defaults;
	}

	/**
	 * Return the managed ports, in resolution order.
	 * @return the requests
	 */
	List<PortRequest> requests() {
		return this.requests;
	}

	/**
	 * Return the values of custom port properties that were unset and take their {@code default-port}.
	 * @return property names to ports
	 */
	Map<String, Object> defaults() {
		return this.defaults;
	}

	/**
	 * Read the managed ports.
	 * @param properties the bound portguard properties
	 * @param environment holds the application's own properties
	 * @param web whether the application runs a web server (and so has a server port)
	 * @param managementServer whether it can run a separate management server: a web server and Spring Boot's
	 * actuator, without which Boot never reads {@code management.server.port}
	 * @return the managed ports
	 * @throws InvalidPortConfigurationException if a value is malformed
	 */
	static PortRequests read(PortguardProperties properties, ConfigurableEnvironment environment, boolean web,
			boolean managementServer) {
		BootPropertyReader boot = new BootPropertyReader(environment);
		List<PortRequest> requests = new ArrayList<>();
		Map<String, Object> defaults = new LinkedHashMap<>();
		Map<String, PortguardProperties.Port> ports = properties.getPorts();
		PortguardProperties.Port serverSettings = ports.getOrDefault(SERVER, new PortguardProperties.Port());
		PortguardProperties.Port managementSettings = ports.getOrDefault(MANAGEMENT, new PortguardProperties.Port());
		rejectProperty(SERVER, serverSettings, SERVER_PORT);
		rejectProperty(MANAGEMENT, managementSettings, MANAGEMENT_PORT);
		if (managementSettings.getDefaultPort() != null) {
			throw new InvalidPortConfigurationException(key(MANAGEMENT, "default-port"),
					String.valueOf(managementSettings.getDefaultPort()),
					"the management port is managed only when management.server.port is set",
					"nothing: set management.server.port instead");
		}
		if (web) {
			Integer serverDefault = (serverSettings.getDefaultPort() != null)
					? checkedDefault(SERVER, serverSettings.getDefaultPort()) : DEFAULT_SERVER_PORT;
			String serverValue = boot.text(SERVER_PORT, PortValues.CONVERTED_PORT_FORM);
			int serverPort = BootPropertyReader.isUnset(serverValue) ? serverDefault
					: bootOwnedPort(boot, SERVER_PORT, serverValue);
			InetAddress serverAddress = boot.address("server.address", ADDRESS_FORM);
			requests.add(request(properties, SERVER, SERVER_PORT, serverPort, serverAddress, serverSettings));
			String managementValue = managementServer ? boot.text(MANAGEMENT_PORT, PortValues.CONVERTED_PORT_FORM)
					: null;
			if (!BootPropertyReader.isUnset(managementValue)) {
				int managementPort = bootOwnedPort(boot, MANAGEMENT_PORT, managementValue);
				if (managementPort != serverPort) {
					InetAddress managementAddress = boot.address("management.server.address", ADDRESS_FORM);
					requests.add(request(properties, MANAGEMENT, MANAGEMENT_PORT, managementPort, managementAddress,
							managementSettings));
				}
			}
		}
		for (Map.Entry<String, PortguardProperties.Port> entry : ports.entrySet()) {
			String name = entry.getKey();
			if (name.equals(SERVER) || name.equals(MANAGEMENT)) {
				continue;
			}
			PortguardProperties.Port settings = entry.getValue();
			String property = settings.getProperty();
			if (property == null || property.isBlank()) {
				throw new InvalidPortConfigurationException(key(name, "property"), property,
						"the managed port '" + name + "' does not say which property carries it", PROPERTY_FORM);
			}
			property = property.trim();
			Integer fallback = (settings.getDefaultPort() != null) ? checkedDefault(name, settings.getDefaultPort())
					: null;
			String value = boot.text(property, PortValues.CONVERTED_PORT_FORM);
			boolean unset = BootPropertyReader.isUnset(value);
			if (unset && fallback == null) {
				throw new InvalidPortConfigurationException(property, value,
						"the managed port '" + name + "' reads this property, but it is unset and "
								+ key(name, "default-port") + " is not set either",
						"set " + property + " or " + key(name, "default-port") + " to " + PortValues.PORT_FORM);
			}
			int port = unset ? fallback
					: PortValues.checkPort(property, value, boot.port(property, value), PortValues.CONVERTED_PORT_FORM);
			if (unset) {
				defaults.put(property, port);
			}
			InetAddress address = address(key(name, "address"), settings.getAddress());
			requests.add(request(properties, name, property, port, address, settings));
		}
		return new PortRequests(List.copyOf(requests), defaults);
	}

	private static PortRequest request(PortguardProperties global, String name, String property, int port,
			@Nullable InetAddress address, PortguardProperties.Port settings) {
		List<Integer> alternatives = (settings.getAlternatives() != null) ? settings.getAlternatives()
				: global.getAlternatives();
		String alternativesKey = (settings.getAlternatives() != null) ? key(name, "alternatives")
				: "portguard.alternatives";
		for (Integer alternative : alternatives) {
			if (alternative == null || alternative < 1 || alternative > PortValues.MAX_PORT) {
				throw new InvalidPortConfigurationException(alternativesKey, join(alternatives),
						alternative + " is not a usable port number", PortValues.PORT_LIST_FORM);
			}
		}
		int maxAttempts = (settings.getMaxAttempts() != null)
				? PortValues.checkAttempts(key(name, "max-attempts"), settings.getMaxAttempts())
				: PortValues.checkAttempts("portguard.max-attempts", global.getMaxAttempts());
		String rangeValue = (settings.getRange() != null) ? settings.getRange() : global.getRange();
		String rangeKey = (settings.getRange() != null) ? key(name, "range") : "portguard.range";
		PortRange range = (rangeValue != null && !rangeValue.isBlank()) ? PortValues.parseRange(rangeKey, rangeValue)
				: null;
		WhenExhausted whenExhausted = (settings.getWhenExhausted() != null) ? settings.getWhenExhausted()
				: global.getWhenExhausted();
		return new PortRequest(name, property, port, address, alternatives, maxAttempts, range, whenExhausted);
	}

	/**
	 * Tomcat and Jetty leave a server with a negative port unstarted, and Boot disables the management server on any
	 * negative port: -1 says the same here. Nothing is published for it, so Boot still reads the value as written.
	 */
	private static int bootOwnedPort(BootPropertyReader boot, String property, String value) {
		int port = boot.port(property, value);
		return (port < PortValues.DISABLED) ? PortValues.DISABLED
				: PortValues.checkPort(property, value, port, PortValues.CONVERTED_PORT_FORM);
	}

	private static int checkedDefault(String name, int port) {
		return PortValues.parsePort(key(name, "default-port"), String.valueOf(port));
	}

	private static void rejectProperty(String name, PortguardProperties.Port settings, String builtIn) {
		if (settings.getProperty() != null && !settings.getProperty().trim().equals(builtIn)) {
			throw new InvalidPortConfigurationException(key(name, "property"), settings.getProperty(),
					"the built-in port '" + name + "' always reads " + builtIn,
					"nothing, or " + builtIn + "; pick another name for a port of your own");
		}
	}

	private static @Nullable InetAddress address(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return InetAddress.getByName(value.trim());
		}
		catch (UnknownHostException | SecurityException ex) {
			throw new InvalidPortConfigurationException(property, value, "the address cannot be resolved",
					ADDRESS_FORM);
		}
	}

	static String key(String name, String setting) {
		return "portguard.ports." + name + "." + setting;
	}

	private static String join(List<Integer> ports) {
		StringBuilder text = new StringBuilder();
		for (Integer port : ports) {
			text.append((text.length() > 0) ? "," : "").append(port);
		}
		return text.toString();
	}

}
