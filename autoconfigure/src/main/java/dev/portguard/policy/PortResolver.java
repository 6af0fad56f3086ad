package dev.portguard.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves managed ports through their policies so that every one gets a port that can be bound right now and no
 * two get the same one.
 */
public final class PortResolver {

	private static final int EPHEMERAL_TRIES = 5;

	private final PortProbe probe;

	/**
	 * Create a resolver that probes with a real bind.
	 */
	public PortResolver() {
		this(PortProbe.bind());
	}

	/**
	 * Create a resolver.
	 * @param probe the probe to use
	 */
	public PortResolver(PortProbe probe) {
		this.probe = probe;
	}

	/**
	 * Check that no two requests pin the same fixed port.
	 * @param requests the managed ports
	 * @throws InvalidPortConfigurationException if two requests ask for the same port
	 */
	public static void checkDistinct(List<PortRequest> requests) {
		Map<Integer, PortRequest> seen = new HashMap<>();
		for (PortRequest request : requests) {
			if (!request.isFixed()) {
				continue;
			}
			PortRequest other = seen.putIfAbsent(request.requested(), request);
			if (other != null) {
				throw new InvalidPortConfigurationException(request.property(), String.valueOf(request.requested()),
						"port " + request.requested() + " is also requested by '" + other.name() + "' ("
								+ other.property() + "); two managed ports cannot share one port",
						"a port that no other managed port asks for");
			}
		}
	}

	/**
	 * Resolve every request, in order.
	 * @param requests the managed ports
	 * @return one record per request, in the same order
	 * @throws InvalidPortConfigurationException if two requests ask for the same port
	 * @throws PortResolutionException if a request cannot be given a port
	 */
	public List<Resolution> resolve(List<PortRequest> requests) {
		checkDistinct(requests);
		Map<Integer, PortRequest> claims = new HashMap<>();
		for (PortRequest request : requests) {
			if (request.isFixed()) {
				claims.put(request.requested(), request);
			}
		}
		List<Resolution> resolutions = new ArrayList<>(requests.size());
		for (PortRequest request : requests) {
			Resolution resolution = resolve(request, claims);
			if (resolution.resolved() > 0) {
				claims.put(resolution.resolved(), request);
			}
			resolutions.add(resolution);
		}
		return resolutions;
	}

	private Resolution resolve(PortRequest request, Map<Integer, PortRequest> claims) {
		if (!request.isFixed()) {
			return Resolution.fixed(request, "the server chooses or disables this port");
		}
		long start = System.nanoTime();
		List<Candidate> tried = new ArrayList<>();
		for (PortPolicy.Step step : new PortPolicy(request)) {
			PortRequest claimant = claims.get(step.port());
			if (claimant != null && claimant != request) {
				tried.add(new Candidate(step.port(), step.source(), CandidateOutcome.CLAIMED,
						"'" + claimant.name() + "' (" + claimant.property() + ")"));
				continue;
			}
			ProbeResult result = this.probe.probe(request.address(), step.port());
			tried.add(new Candidate(step.port(), step.source(), result.outcome(), result.message()));
			if (result.outcome() == CandidateOutcome.FREE) {
				return resolved(request, step.port(), (step.source() == CandidateSource.PREFERRED)
						? ResolutionStatus.PREFERRED : ResolutionStatus.FALLBACK, tried, start);
			}
			if (!result.outcome().isRetryable()) {
				throw new PortResolutionException(reasonFor(result.outcome()), request, tried);
			}
		}
		if (request.whenExhausted() == WhenExhausted.EPHEMERAL) {
			for (int i = 0; i < EPHEMERAL_TRIES; i++) {
				int port = this.probe.ephemeralPort(request.address());
				if (port > 0 && !claims.containsKey(port)) {
					tried.add(new Candidate(port, CandidateSource.EPHEMERAL, CandidateOutcome.FREE, null));
					return resolved(request, port, ResolutionStatus.EPHEMERAL, tried, start);
				}
			}
		}
		throw new PortResolutionException(PortResolutionException.Reason.NO_FREE_PORT, request, tried);
	}

	private static Resolution resolved(PortRequest request, int port, ResolutionStatus status, List<Candidate> tried,
			long start) {
		return new Resolution(request.name(), request.property(), request.requested(), port, request.address(),
				status, tried, Duration.ofNanos(System.nanoTime() - start), null);
	}

	private static PortResolutionException.Reason reasonFor(CandidateOutcome outcome) {
		return switch (outcome) {
			case PERMISSION_DENIED -> PortResolutionException.Reason.PERMISSION_DENIED;
			case ADDRESS_NOT_AVAILABLE -> PortResolutionException.Reason.ADDRESS_NOT_AVAILABLE;
			default -> PortResolutionException.Reason.PROBE_FAILED;
		};
	}

}
