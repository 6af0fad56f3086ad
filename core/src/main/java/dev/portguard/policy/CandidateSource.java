package dev.portguard.policy;

/**
 * Where in the policy a candidate port comes from.
 */
public enum CandidateSource {

	/**
	 * The port this application bound the last time it started ({@code portguard.sticky}).
	 */
	STICKY,

	/**
	 * The port the configuration asks for.
	 */
	PREFERRED,

	/**
	 * One of the configured alternatives.
	 */
	ALTERNATIVE,

	/**
	 * One of the consecutive ports after the preferred one.
	 */
	NEXT,

	/**
	 * A port of the configured range.
	 */
	RANGE,

	/**
	 * A port assigned by the operating system once every other candidate was taken.
	 */
	EPHEMERAL

}
