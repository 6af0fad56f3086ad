package dev.portguard.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Resolves managed ports through their policies so that every one gets a port that can be bound right now and no
 * two get the same one; optionally holds each chosen port with a {@link Reservation} until its owner binds it, and
 * picks the next candidate of the same policy when a bind still fails.
 */
public final class PortResolver {

	private static final int EPHEMERAL_TRIES = 5;

	/**
	 * Only a privileged preferred port fails start-up, as the server's own bind of it would; any other candidate this
	 * process may not bind (an alternative, a next port or a range port below the first unprivileged port) is skipped
	 * like a taken one.
	 */
	static final String PRIVILEGED_SKIPPED = "privileged, skipped";

	private final PortProbe probe;

	private final boolean reserve;

	private final Map<Integer, PortRequest> claims = new HashMap<>();

	private final Map<String, PortRequest> requests = new LinkedHashMap<>();

	private final Map<String, Reservation> reservations = new HashMap<>();

	/**
	 * Create a resolver that probes with a real bind and holds nothing.
	 */
	public PortResolver() {
		this(PortProbe.bind(), false);
	}

	/**
	 * Create a resolver that holds nothing.
	 * @param probe the probe to use
	 */
	public PortResolver(PortProbe probe) {
		this(probe, false);
	}

	/**
	 * Create a resolver.
	 * @param probe the probe to use
	 * @param reserve whether to hold every chosen port until {@link #release(String)} is called
	 */
	public PortResolver(PortProbe probe, boolean reserve) {
		this.probe = probe;
		this.reserve = reserve;
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
	 * Resolve every request, in order. On failure, every port held so far is released.
	 * @param requests the managed ports
	 * @return one record per request, in the same order
	 * @throws InvalidPortConfigurationException if two requests ask for the same port
	 * @throws PortResolutionException if a request cannot be given a port
	 */
	public synchronized List<Resolution> resolve(List<PortRequest> requests) {
		checkDistinct(requests);
		for (PortRequest request : requests) {
			this.requests.put(request.name(), request);
			if (request.isFixed()) {
				this.claims.put(request.requested(), request);
			}
		}
		List<Resolution> resolutions = new ArrayList<>(requests.size());
		try {
			for (PortRequest request : requests) {
				if (!request.isFixed()) {
					resolutions.add(Resolution.fixed(request, "the server chooses or disables this port"));
					continue;
				}
				resolutions.add(choose(request, new ArrayList<>(), Set.of(), System.nanoTime(), Duration.ZERO));
			}
		}
		catch (RuntimeException ex) {
			releaseAll();
			throw ex;
		}
		return resolutions;
	}

	/**
	 * Pick the next candidate of a port's policy after its owner failed to bind the port chosen before, because
	 * another process took it in the meantime.
	 * @param current the record of the port whose bind failed
	 * @param detail why the bind failed, as the operating system said it
	 * @return the new record, with the failed port marked in use and the new port held
	 * @throws PortResolutionException if no candidate is left
	 */
	public synchronized Resolution rebind(Resolution current, String detail) {
		PortRequest request = this.requests.get(current.name());
		if (request == null) {
			throw new IllegalArgumentException("'" + current.name() + "' is not a port this resolver resolved");
		}
		release(current.name());
		List<Candidate> tried = new ArrayList<>();
		Set<Integer> skip = new HashSet<>();
		for (Candidate candidate : current.candidates()) {
			boolean failed = candidate.port() == current.resolved() && candidate.outcome() == CandidateOutcome.FREE;
			tried.add(failed ? new Candidate(candidate.port(), candidate.source(), CandidateOutcome.IN_USE,
					"taken after it was chosen, before the bind: " + detail) : candidate);
			skip.add(candidate.port());
		}
		return choose(request, tried, skip, System.nanoTime(), current.elapsed());
	}

	private Resolution choose(PortRequest request, List<Candidate> tried, Set<Integer> skip, long start,
			Duration before) {
		for (PortPolicy.Step step : new PortPolicy(request)) {
			if (skip.contains(step.port())) {
				continue;
			}
			PortRequest claimant = this.claims.get(step.port());
			if (claimant != null && claimant != request) {
				tried.add(new Candidate(step.port(), step.source(), CandidateOutcome.CLAIMED,
						"'" + claimant.name() + "' (" + claimant.property() + ")"));
				continue;
			}
			ProbeResult result = this.probe.probe(request.address(), step.port());
			if (result.outcome() == CandidateOutcome.FREE && !hold(request, step.port())) {
				result = new ProbeResult(CandidateOutcome.IN_USE, "taken while portguard reserved it");
			}
			if (result.outcome() == CandidateOutcome.PERMISSION_DENIED && step.source() != CandidateSource.PREFERRED) {
				tried.add(new Candidate(step.port(), step.source(), result.outcome(), PRIVILEGED_SKIPPED));
				continue;
			}
			tried.add(new Candidate(step.port(), step.source(), result.outcome(), result.message()));
			if (result.outcome() == CandidateOutcome.FREE) {
				return resolved(request, step.port(), (step.port() == request.requested())
						? ResolutionStatus.PREFERRED : ResolutionStatus.FALLBACK, tried, start, before);
			}
			// A sticky port is a wish read from the registry, not the user's configuration: one that cannot be bound
			// is skipped like a taken one.
			if (!result.outcome().isRetryable() && step.source() != CandidateSource.STICKY) {
				throw new PortResolutionException(reasonFor(result.outcome()), request, tried);
			}
		}
		if (request.whenExhausted() == WhenExhausted.EPHEMERAL) {
			for (int i = 0; i < EPHEMERAL_TRIES; i++) {
				int port = this.probe.ephemeralPort(request.address());
				if (port > 0 && !this.claims.containsKey(port) && !skip.contains(port) && hold(request, port)) {
					tried.add(new Candidate(port, CandidateSource.EPHEMERAL, CandidateOutcome.FREE, null));
					return resolved(request, port, ResolutionStatus.EPHEMERAL, tried, start, before);
				}
			}
		}
		throw new PortResolutionException(PortResolutionException.Reason.NO_FREE_PORT, request, tried);
	}

	/**
	 * Hold a port that probed free. One that cannot be held was taken since the probe: it is not chosen, as a
	 * chosen port that nothing holds could be chosen by another instance at the same moment too.
	 */
	private boolean hold(PortRequest request, int port) {
		if (!this.reserve) {
			return true;
		}
		Reservation reservation = this.probe.reserve(request.address(), port);
		if (reservation != null) {
			this.reservations.put(request.name(), reservation);
			return true;
		}
		return false;
	}

	private Resolution resolved(PortRequest request, int port, ResolutionStatus status, List<Candidate> tried,
			long start, Duration before) {
		this.claims.put(port, request);
		return new Resolution(request.name(), request.property(), request.requested(), port, request.address(),
				status, tried, before.plusNanos(System.nanoTime() - start), null);
	}

	private static PortResolutionException.Reason reasonFor(CandidateOutcome outcome) {
		return switch (outcome) {
			case PERMISSION_DENIED -> PortResolutionException.Reason.PERMISSION_DENIED;
			case ADDRESS_NOT_AVAILABLE -> PortResolutionException.Reason.ADDRESS_NOT_AVAILABLE;
			default -> PortResolutionException.Reason.PROBE_FAILED;
		};
	}

	/**
	 * Return the reservation that holds a managed port, if any.
	 * @param name the managed port's name
	 * @return the reservation or {@code null}
	 */
	public synchronized @Nullable Reservation reservation(String name) {
		return this.reservations.get(name);
	}

	/**
	 * Release the reservation of one managed port, so that its owner can bind it.
	 * @param name the managed port's name
	 */
	public synchronized void release(String name) {
		Reservation reservation = this.reservations.remove(name);
		if (reservation != null) {
			reservation.release();
		}
	}

	/**
	 * Release every reservation.
	 */
	public synchronized void releaseAll() {
		for (Reservation reservation : this.reservations.values()) {
			reservation.release();
		}
		this.reservations.clear();
	}

}
