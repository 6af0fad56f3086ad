package dev.portguard.policy;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * Answers whether a port can be bound on an address right now, the way a server's own bind would answer.
 */
public interface PortProbe {

	/**
	 * Probe one port.
	 * @param address the address the server will bind, or {@code null} for every interface
	 * @param port the port to probe
	 * @return what the probe found
	 */
	ProbeResult probe(@Nullable InetAddress address, int port);

	/**
	 * Ask the operating system for a port from its ephemeral range on the given address.
	 * @param address the address the server will bind, or {@code null} for every interface
	 * @return the assigned port, or {@code -1} if none could be assigned
	 */
	int ephemeralPort(@Nullable InetAddress address);

	/**
	 * Hold a port that was just probed free until its owner binds it.
	 * @param address the address the owner will bind, or {@code null} for every interface
	 * @param port the port
	 * @return the reservation, or {@code null} if the port cannot be held right now (taken since the probe)
	 */
	default @Nullable Reservation reserve(@Nullable InetAddress address, int port) {
		Reservation reservation = Reservation.hold(address, port);
		if (reservation == null && probe(address, port).outcome() == CandidateOutcome.FREE) {
			// Free to the server's bind but not to a plain one: connections of the port wait in TIME_WAIT.
			reservation = Reservation.holdListening(address, port);
		}
		return reservation;
	}

	/**
	 * Return the probe that binds a server socket exactly as Tomcat, Jetty and Netty do.
	 * @return the bind probe
	 */
	static PortProbe bind() {
		return BindPortProbe.INSTANCE;
	}

}
