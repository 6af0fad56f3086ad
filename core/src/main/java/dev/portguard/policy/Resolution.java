package dev.portguard.policy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What portguard decided for one managed port, and why: the single record read by logs, the endpoint, health and
 * failure analysis.
 *
 * @param name the managed port's name
 * @param property the property the port is read from and published to
 * @param requested the port asked for
 * @param resolved the port chosen
 * @param address the address the port is bound on, or {@code null} for every interface
 * @param status how the port was resolved
 * @param candidates every port tried, in order, with what the probe found
 * @param elapsed how long resolving this port took
 * @param note why the port was left alone, for {@link ResolutionStatus#FIXED}, or {@code null}
 */
public record Resolution(String name, String property, int requested, int resolved, @Nullable InetAddress address,
		ResolutionStatus status, List<Candidate> candidates, Duration elapsed, @Nullable String note) {

	/**
	 * Create a record, copying the candidates.
	 * @param name the managed port's name
	 * @param property the property the port is read from and published to
	 * @param requested the port asked for
	 * @param resolved the port chosen
	 * @param address the address the port is bound on
	 * @param status how the port was resolved
	 * @param candidates every port tried
	 * @param elapsed how long resolving this port took
	 * @param note why the port was left alone
	 */
	public Resolution {
		candidates = List.copyOf(candidates);
	}

	/**
	 * Create the record of a port left as configured.
	 * @param request the request
	 * @param note why the port was left alone
	 * @return a new record
	 */
	public static Resolution fixed(PortRequest request, String note) {
		ResolutionStatus status = switch (request.requested()) {
			case PortValues.RANDOM -> ResolutionStatus.RANDOM;
			case PortValues.DISABLED -> ResolutionStatus.DISABLED;
			default -> ResolutionStatus.FIXED;
		};
		return new Resolution(request.name(), request.property(), request.requested(), request.requested(),
				request.address(), status, List.of(), Duration.ZERO, note);
	}

	/**
	 * Return whether the chosen port differs from the one asked for.
	 * @return whether the port moved
	 */
	public boolean isMoved() {
		return this.status == ResolutionStatus.FALLBACK || this.status == ResolutionStatus.EPHEMERAL;
	}

	/**
	 * Return the sentence that tells a user the port moved at bind time, because another process took the chosen
	 * port after portguard chose it.
	 * @param failedPort the port whose bind failed
	 * @return the sentence
	 */
	public String describeRebind(int failedPort) {
		return "Port " + failedPort + " was taken after portguard chose it and before it was bound, using "
				+ ((this.status == ResolutionStatus.EPHEMERAL) ? "ephemeral port " : "port ") + this.resolved
				+ " instead (" + this.property + ")";
	}

	/**
	 * Return whether portguard's policy chose this port (preferred, fallback or ephemeral), as opposed to leaving
	 * it as configured.
	 * @return whether the port was resolved by the policy
	 */
	public boolean isResolvedByPolicy() {
		return this.status == ResolutionStatus.PREFERRED || isMoved();
	}

	/**
	 * Return the sentence that tells a user the port moved, such as
	 * {@code Port 8080 is in use, using port 8081 instead (server.port)}.
	 * @return the sentence
	 */
	public String describeMove() {
		Candidate chosen = this.candidates.isEmpty() ? null : this.candidates.get(this.candidates.size() - 1);
		if (chosen != null && chosen.source() == CandidateSource.STICKY) {
			return "Using port " + this.resolved + ", the port this application had last time, instead of "
					+ this.requested + " (" + this.property + ", portguard.sticky)";
		}
		Candidate preferred = this.candidates.stream()
			.filter((candidate) -> candidate.source() == CandidateSource.PREFERRED)
			.findFirst()
			.orElse(this.candidates.isEmpty() ? null : this.candidates.get(0));
		String why = (preferred != null && preferred.outcome() == CandidateOutcome.CLAIMED)
				? "is claimed by " + preferred.detail() : "is in use";
		StringBuilder text = new StringBuilder().append("Port ")
			.append(this.requested)
			.append(' ')
			.append(why)
			.append(", using ")
			.append((this.status == ResolutionStatus.EPHEMERAL) ? "ephemeral port " : "port ")
			.append(this.resolved)
			.append(" instead (")
			.append(this.property)
			.append(')');
		List<Candidate> others = this.candidates.stream()
			.filter((candidate) -> candidate != preferred && candidate != chosen)
			.toList();
		if (!others.isEmpty()) {
			text.append("; also refused: ");
			appendRuns(text, others);
		}
		return text.toString();
	}

	/**
	 * A wide range can refuse a thousand privileged ports in a row; consecutive ports refused alike are written as
	 * one run, such as {@code 1-1023 (permission denied: privileged, skipped)}.
	 */
	private static void appendRuns(StringBuilder text, List<Candidate> candidates) {
		int i = 0;
		while (i < candidates.size()) {
			Candidate first = candidates.get(i);
			int end = i;
			while (end + 1 < candidates.size() && sameOutcome(first, candidates.get(end + 1))
					&& candidates.get(end + 1).port() == candidates.get(end).port() + 1) {
				end++;
			}
			text.append((i > 0) ? ", " : "");
			if (end == i) {
				text.append(first);
			}
			else {
				String one = first.toString();
				text.append(first.port()).append('-').append(candidates.get(end).port())
					.append(one, String.valueOf(first.port()).length(), one.length());
			}
			i = end + 1;
		}
	}

	private static boolean sameOutcome(Candidate one, Candidate other) {
		return one.outcome() == other.outcome() && Objects.equals(one.detail(), other.detail());
	}

}
