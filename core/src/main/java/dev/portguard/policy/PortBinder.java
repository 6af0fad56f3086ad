package dev.portguard.policy;

import java.io.IOException;

/**
 * Binds a port of the application's own, such as a TCP listener, for {@link ManagedPorts#bind(String, PortBinder)}.
 *
 * @param <T> what a successful bind gives, such as the bound server socket
 */
@FunctionalInterface
public interface PortBinder<T> {

	/**
	 * Bind the given port.
	 * @param port the port to bind
	 * @return what the bind gives
	 * @throws IOException if the bind fails; a {@link java.net.BindException} saying the address is in use moves
	 * the port to its next candidate
	 */
	T bind(int port) throws IOException;

}
