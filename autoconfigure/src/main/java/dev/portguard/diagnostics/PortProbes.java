package dev.portguard.diagnostics;

import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.PortProbe;

/**
 * Probes used by the analyzers to check a fact before stating it.
 */
final class PortProbes {

	private PortProbes() {
	}

	static boolean isInUse(int port) {
		return port > 0 && PortProbe.bind().probe(null, port).outcome() == CandidateOutcome.IN_USE;
	}

}
