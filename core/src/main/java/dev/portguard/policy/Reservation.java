package dev.portguard.policy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * A port held for a managed port between resolution and the moment its owner binds it.
 * <p>
 * The holder is a bound TCP socket that never listens and has {@code SO_REUSEADDR} off: on Linux such a socket
 * makes every other bind of the port fail (another instance's probe sees the port as in use and moves on) while it
 * accepts no connection. The operating system frees it when the process dies, so a crash leaves nothing behind.
 * <p>
 * Such a socket cannot be bound while an earlier connection of the port waits in TIME_WAIT (common right after a
 * server on the port stopped), although the server's own bind, with {@code SO_REUSEADDR}, would succeed. There the
 * port is held by a listening socket with {@code SO_REUSEADDR} and a backlog of one, which no other bind can get
 * past either; a client that connects in that moment is accepted by the kernel and reset when the reservation is
 * released.
 */
public final class Reservation {

	private final int port;

	private final @Nullable InetAddress address;

	private final NetworkChannel channel;

	private final boolean listening;

	private Reservation(int port, @Nullable InetAddress address, NetworkChannel channel, boolean listening) {
		this.port = port;
		this.address = address;
		this.channel = channel;
		this.listening = listening;
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
			return new Reservation(port, address, channel, false);
		}
		catch (IOException | RuntimeException ex) {
			close(channel);
			return null;
		}
	}

	/**
	 * Hold a port with a listening socket that, like the server's, ignores connections in TIME_WAIT; or return
	 * {@code null} if it cannot be held.
	 * @param address the address the owner will bind, or {@code null} for every interface
	 * @param port the port
	 * @return the reservation or {@code null}
	 */
	static @Nullable Reservation holdListening(@Nullable InetAddress address, int port) {
		ServerSocketChannel channel = null;
		try {
			channel = ServerSocketChannel.open();
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress(address, port), 1);
			return new Reservation(port, address, channel, true);
		}
		catch (IOException | RuntimeException ex) {
			close(channel);
			return null;
		}
	}

	private static void close(@Nullable NetworkChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// A socket that failed to bind closes without failing in practice; it holds nothing either way.
			}
		}
	}

	/**
	 * Return whether the port is held by a listening socket, because connections in TIME_WAIT kept a plain bound
	 * one from holding it.
	 * @return whether the reservation listens
	 */
	public boolean isListening() {
		return this.listening;
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
				+ (this.listening ? " (listening: the port had connections in TIME_WAIT)" : "")
				+ (isHeld() ? "" : " (released)");
	}

}
