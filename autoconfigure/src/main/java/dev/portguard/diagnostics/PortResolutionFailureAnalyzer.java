package dev.portguard.diagnostics;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.holder.SafeText;
import dev.portguard.policy.Candidate;
import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.PortProbe;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.PortResolutionException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains a {@link PortResolutionException}: every port the policy tried and why each was refused, and what to
 * change.
 */
class PortResolutionFailureAnalyzer extends AbstractFailureAnalyzer<PortResolutionException> implements Ordered {

	private final PortHolderLocator locator = PortHolderLocator.forThisMachine();

	private final Duration lookupBudget = PortHolderLocator.DEFAULT_TIMEOUT;

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortResolutionException cause) {
		PortRequest request = cause.getRequest();
		String where = "'" + request.name() + "' (" + request.property() + "=" + request.requested() + ") on "
				+ PortResolutionException.addressText(request.address());
		return switch (cause.getReason()) {
			case NO_FREE_PORT -> new FailureAnalysis(
					"portguard found no free port for " + where + ".\n\nPorts tried, in order:\n"
							+ tried(cause, true),
					"1. Stop a process that holds one of these ports.\n"
							+ "2. Widen the policy: add ports with portguard.alternatives, raise portguard.max-attempts, "
							+ "or add a range with portguard.range (e.g. 10000-10100).\n"
							+ "3. Let the operating system pick a port once the policy is exhausted: "
							+ "portguard.when-exhausted=ephemeral" + ephemeralHint(request) + ".",
					cause);
			case PERMISSION_DENIED -> new FailureAnalysis(
					"Port " + lastPort(cause) + " for " + where + " cannot be bound: permission denied. Ports below "
							+ "1024 are privileged.",
					"1. Use a port of 1024 or above: --" + request.property() + "=" + suggestion(request) + ".\n"
							+ "2. Or grant the Java binary the capability to bind privileged ports: "
							+ "sudo setcap 'cap_net_bind_service=+ep' " + BindExceptionFailureAnalyzer.javaBinary() + ".",
					cause);
			case ADDRESS_NOT_AVAILABLE -> new FailureAnalysis(
					"Port " + lastPort(cause) + " for " + where + " cannot be bound: cannot assign requested "
							+ "address. " + PortResolutionException.addressText(request.address())
							+ " is not an address of this machine.",
					"Bind an address of this machine (or leave the address unset to bind every interface). "
							+ "This machine's addresses: " + String.join(", ", BindExceptionFailureAnalyzer.localAddresses()) + ".",
					cause);
			case PROBE_FAILED -> new FailureAnalysis(
					"portguard could not probe port " + lastPort(cause) + " for " + where + ".\n\nPorts tried, in "
							+ "order:\n" + tried(cause, false),
					"Check the operating system's message above; set portguard.auto=false to start without probing.",
					cause);
		};
	}

	private String tried(PortResolutionException cause, boolean holders) {
		StringBuilder text = new StringBuilder();
		long deadline = System.nanoTime() + this.lookupBudget.toNanos();
		List<Candidate> candidates = cause.getCandidates();
		for (int i = 0; i < candidates.size(); i++) {
			Candidate candidate = candidates.get(i);
			text.append("    ").append(candidate.port());
			if (candidate.outcome() == CandidateOutcome.PERMISSION_DENIED) {
				// A range from port 1 skips a thousand privileged ports: one line for each run of them.
				int last = i;
				while (last + 1 < candidates.size() && candidates.get(last + 1).outcome() == candidate.outcome()
						&& candidates.get(last + 1).source() == candidate.source()
						&& candidates.get(last + 1).port() == candidates.get(last).port() + 1) {
					last++;
				}
				if (last > i) {
					text.append('-').append(candidates.get(last).port());
					i = last;
				}
			}
			text.append("  ")
				.append(candidate.source().name().toLowerCase())
				.append("  ")
				.append(candidate.outcome().description());
			if (candidate.outcome() == CandidateOutcome.CLAIMED) {
				text.append(" ").append(candidate.detail());
			}
			if (candidate.outcome() == CandidateOutcome.PERMISSION_DENIED && candidate.detail() != null) {
				text.append(" (").append(SafeText.of(candidate.detail())).append(')');
			}
			if (holders && candidate.outcome() == CandidateOutcome.IN_USE) {
				text.append(holderText(candidate.port(), cause.getRequest().address(), deadline));
			}
			text.append('\n');
		}
		if (cause.getCandidates().isEmpty()) {
			text.append("    (none)\n");
		}
		return text.toString();
	}

	private String holderText(int port, @Nullable InetAddress address, long deadline) {
		if (System.nanoTime() > deadline) {
			return " (holder not looked up: time budget spent)";
		}
		HolderLookup lookup = this.locator.locate(port, address);
		PortHolder holder = lookup.holder();
		if (holder != null) {
			String container = (holder.container() != null)
					? ", container " + SafeText.of(holder.container().name()) : "";
			return " by process " + holder.pid() + " (" + SafeText.of(holder.name()) + container + ")";
		}
		return switch (lookup.status()) {
			case NOT_VISIBLE -> " by a process not visible to this user (" + lookup.manualCommand() + ")";
			case FREE -> " (free again now)";
			case EXCLUDED -> " (in the Windows excluded port range " + lookup.excludedRange().start() + "-"
					+ lookup.excludedRange().end() + ")";
			case UNKNOWN -> " (holder unknown: " + SafeText.of(lookup.detail()) + ")";
			default -> "";
		};
	}

	private static String ephemeralHint(PortRequest request) {
		int port = PortProbe.bind().ephemeralPort(request.address());
		return (port > 0) ? " (right now the operating system would give port " + port + ")" : "";
	}

	private static int lastPort(PortResolutionException cause) {
		List<Candidate> candidates = cause.getCandidates();
		return candidates.get(candidates.size() - 1).port();
	}

	private static int suggestion(PortRequest request) {
		return (request.requested() < 1024) ? request.requested() + 8000 : request.requested();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
