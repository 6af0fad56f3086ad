package dev.portguard.policy;

/**
 * How a managed port was resolved.
 */
public enum ResolutionStatus {

	/**
	 * The preferred port was free and is used.
	 */
	PREFERRED,

	/**
	 * The preferred port was taken; another candidate of the policy is used.
	 */
	FALLBACK,

	/**
	 * Every candidate was taken; the operating system assigned a port.
	 */
	EPHEMERAL,

	/**
	 * The configuration asks for a random port ({@code 0}); the server picks it.
	 */
	RANDOM,

	/**
	 * The configuration disables the port ({@code -1}).
	 */
	DISABLED,

	/**
	 * portguard left the port as configured without probing it (auto-port is off, or a cloud platform owns it).
	 */
	FIXED

}
