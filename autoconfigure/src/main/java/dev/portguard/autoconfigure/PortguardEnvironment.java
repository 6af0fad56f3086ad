package dev.portguard.autoconfigure;

import java.util.Optional;

import dev.portguard.policy.ManagedPorts;

import org.springframework.core.env.Environment;

/**
 * Reads portguard's state from an {@link Environment}, for code that runs where beans are not available (failure
 * analyzers, a management child context).
 */
public final class PortguardEnvironment {

	private PortguardEnvironment() {
	}

	/**
	 * Return the managed ports that portguard's environment post-processor resolved for this environment.
	 * @param environment the environment
	 * @return the managed ports, if the post-processor ran
	 */
	public static Optional<ManagedPorts> managedPorts(Environment environment) {
		return Optional.ofNullable(PortguardPropertySource.findPorts(environment));
	}

}
