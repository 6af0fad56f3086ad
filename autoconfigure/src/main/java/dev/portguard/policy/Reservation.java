package dev.portguard.policy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * A port held for a managed port between resolution and the moment its owner binds it.
 * <p>
 * The holder is a bound TCP socket that never listens and has {@code SO_REUSEADDR} off: on Linux such a socket
 * makes every other bind of the port fail (another instance's probe sees the port as in use and moves on) while it
 * accepts no connection. The operating system frees it when the process dies, so a crash leaves nothing behind.
 */
public final class Reservation {

	private final int port;

	private final @Nullable InetAddress address;

	private final SocketChannel channel;

	private Reservation(int port, @Nullable InetAddress address, SocketChannel channel) {
		this.port = port;
		this.address = address;
		this.channel = channel;
	}

	/**
	 * Hold a port, or return {@code null} if it cannot be held right now.
	 * @param address the address the owner will bind, or {@code null} for every interface
	 * @param port the port
	 * @return the reservation or {@code null}
	 */
	static @Nullable Reservation hold(@Nullable InetAddress address, int port) {
		SocketChannel channel = null;
		try {
			channel = SocketChannel.open();
			channel.bind(new InetSocketAddress(address, port));
			return new Reservation(port, address, channel);
		}
		catch (IOException | RuntimeException ex) {
			if (channel != null) {
				try {
					channel.close();
				}
				catch (IOException closeFailure) {
					ex.addSuppressed(closeFailure);
				}
			}
			return null;
		}
	}

	/**
	 * Return the held port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the address the port is held on, or {@code null} for every interface.
	 * @return the address
	 */
	public @Nullable InetAddress address() {
		return this.address;
	}

	/**
	 * Return whether the port is still held.
	 * @return whether the reservation is held
	 */
	public boolean isHeld() {
		return this.channel.isOpen();
	}

	/**
	 * Free the port so that its owner can bind it. Releasing twice does nothing.
	 */
	public void release() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Closing a bound, unconnected socket does not fail in practice; the port is free either way.
		}
	}

	@Override
	public String toString() {
		return "Reservation of " + PortResolutionException.addressText(this.address) + ":" + this.port
				+ (isHeld() ? "" : " (released)");
	}

}
