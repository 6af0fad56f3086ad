package dev.portguard.policy;

/**
 * What probing a candidate port found.
 */
public enum CandidateOutcome {

	/**
	 * The port can be bound: it is chosen.
	 */
	FREE("free"),

	/**
	 * Another socket holds the port on an address the bind collides with.
	 */
	IN_USE("in use"),

	/**
	 * Another managed port of this application asks for or already took this port.
	 */
	CLAIMED("claimed by another managed port"),

	/**
	 * The operating system refuses this process the port (a privileged port without the right).
	 */
	PERMISSION_DENIED("permission denied"),

	/**
	 * The bind address is not an address of this machine.
	 */
	ADDRESS_NOT_AVAILABLE("cannot assign requested address"),

	/**
	 * The probe failed for another reason.
	 */
	ERROR("error");

	private final String description;

	CandidateOutcome(String description) {
		this.description = description;
	}

	/**
	 * Return whether the policy moves on to the next candidate after this outcome.
	 * @return whether another port may be tried
	 */
	public boolean isRetryable() {
		return this == IN_USE || this == CLAIMED;
	}

	/**
	 * Return the outcome as users read it.
	 * @return a short description
	 */
	public String description() {
		return this.description;
	}

}
