package dev.portguard.autoconfigure;

import java.util.Map;
import java.util.Set;

import dev.portguard.policy.ManagedPorts;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The property source, first in the environment, that publishes the ports portguard chose and carries the
 * {@link ManagedPorts} to the beans created later.
 */
final class PortguardPropertySource extends MapPropertySource {

	static final String NAME = "portguard";

	private final ManagedPorts ports;

	private final Set<String> ownerReleased;

	PortguardPropertySource(Map<String, Object> published, ManagedPorts ports, Set<String> ownerReleased) {
		super(NAME, published);
		this.ports = ports;
		this.ownerReleased = Set.copyOf(ownerReleased);
	}

	/**
	 * Return the names of the custom ports whose owner releases the reservation itself.
	 * @return the names
	 */
	Set<String> getOwnerReleased() {
		return this.ownerReleased;
	}

	ManagedPorts getPorts() {
		return this.ports;
	}

	/**
	 * Publish a port chosen after start-up began, such as one picked by the bind-time retry.
	 * @param property the property that carries the port
	 * @param port the port
	 */
	void publish(String property, int port) {
		getSource().put(property, port);
	}

	static void attach(ConfigurableEnvironment environment, PortguardPropertySource source) {
		environment.getPropertySources().remove(NAME);
		environment.getPropertySources().addFirst(source);
	}

	static @Nullable PortguardPropertySource find(Environment environment) {
		if (environment instanceof ConfigurableEnvironment configurable) {
			PropertySource<?> source = configurable.getPropertySources().get(NAME);
			if (source instanceof PortguardPropertySource portguard) {
				return portguard;
			}
		}
		return null;
	}

	static @Nullable ManagedPorts findPorts(Environment environment) {
		PortguardPropertySource source = find(environment);
		return (source != null) ? source.getPorts() : null;
	}

}
