package dev.portguard.policy;

import org.jspecify.annotations.Nullable;

/**
 * One port tried for a managed port, with what the probe found.
 *
 * @param port the port
 * @param source where in the policy the port comes from
 * @param outcome what the probe found
 * @param detail the operating system's message or the managed port that claims it, if any
 */
public record Candidate(int port, CandidateSource source, CandidateOutcome outcome, @Nullable String detail) {

	@Override
	public String toString() {
		String text = this.port + " (" + this.outcome.description();
		return (this.detail != null && this.outcome != CandidateOutcome.IN_USE) ? text + ": " + this.detail + ")"
				: text + ")";
	}

}
