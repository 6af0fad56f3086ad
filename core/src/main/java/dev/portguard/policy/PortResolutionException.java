package dev.portguard.policy;

import java.net.InetAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the policy cannot give a managed port a port: every candidate is taken, or the bind is refused for a
 * reason no other port cures (permission, address).
 */
public class PortResolutionException extends RuntimeException {

	private final Reason reason;

	private final PortRequest request;

	private final List<Candidate> candidates;

	/**
	 * Create a new exception.
	 * @param reason why no port could be chosen
	 * @param request the request that could not be served
	 * @param candidates every port tried, in order
	 */
	public PortResolutionException(Reason reason, PortRequest request, List<Candidate> candidates) {
		super(message(reason, request, candidates));
		this.reason = reason;
		this.request = request;
		this.candidates = List.copyOf(candidates);
	}

	private static String message(Reason reason, PortRequest request, List<Candidate> candidates) {
		String where = " (" + request.property() + ") on " + addressText(request.address());
		return switch (reason) {
			case NO_FREE_PORT -> "No free port for '" + request.name() + "'" + where + "; tried " + candidates;
			case PERMISSION_DENIED -> "Permission denied binding port " + last(candidates) + where;
			case ADDRESS_NOT_AVAILABLE -> "Cannot assign requested address binding port " + last(candidates) + where;
			case PROBE_FAILED -> "Could not probe port " + last(candidates) + where + ": "
					+ candidates.get(candidates.size() - 1).detail();
		};
	}

	private static int last(List<Candidate> candidates) {
		return candidates.get(candidates.size() - 1).port();
	}

	/**
	 * Render an address as users read it, the wildcard as {@code *} (every interface).
	 * @param address the address or {@code null}
	 * @return the text
	 */
	public static String addressText(@Nullable InetAddress address) {
		return (address != null) ? address.getHostAddress() : "* (every interface)";
	}

	/**
	 * Return why no port could be chosen.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Return the request that could not be served.
	 * @return the request
	 */
	public PortRequest getRequest() {
		return this.request;
	}

	/**
	 * Return every port tried, in order, with what the probe found.
	 * @return the candidates
	 */
	public List<Candidate> getCandidates() {
		return this.candidates;
	}

	/**
	 * Why no port could be chosen.
	 */
	public enum Reason {

		/**
		 * Every candidate of the policy is taken.
		 */
		NO_FREE_PORT,

		/**
		 * The operating system refuses this process the port.
		 */
		PERMISSION_DENIED,

		/**
		 * The bind address is not an address of this machine.
		 */
		ADDRESS_NOT_AVAILABLE,

		/**
		 * The probe failed for another reason.
		 */
		PROBE_FAILED

	}

}
