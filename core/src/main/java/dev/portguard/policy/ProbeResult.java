package dev.portguard.policy;

import org.jspecify.annotations.Nullable;

/**
 * The answer of one {@link PortProbe}: the outcome and, for failures, the operating system's message.
 *
 * @param outcome what the probe found
 * @param message the operating system's message, if the bind failed
 */
public record ProbeResult(CandidateOutcome outcome, @Nullable String message) {

	static final ProbeResult FREE = new ProbeResult(CandidateOutcome.FREE, null);

}
