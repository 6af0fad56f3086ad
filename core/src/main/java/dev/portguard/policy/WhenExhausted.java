package dev.portguard.policy;

/**
 * What a policy does once every candidate port is taken.
 */
public enum WhenExhausted {

	/**
	 * Fail start-up with an analysis that lists every port tried and why it was refused.
	 */
	FAIL,

	/**
	 * Take a port the operating system assigns from its ephemeral range.
	 */
	EPHEMERAL

}
