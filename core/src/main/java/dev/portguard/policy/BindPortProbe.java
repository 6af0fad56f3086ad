package dev.portguard.policy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;

import org.jspecify.annotations.Nullable;

/**
 * A {@link PortProbe} that binds a {@link ServerSocketChannel} and closes it at once.
 * <p>
 * The channel is the one the servers use (same address family choice, {@code SO_REUSEADDR} as they set it), so the
 * kernel itself decides every collision: a listener on the wildcard, on a specific address, or on the IPv6
 * wildcard of a dual-stack socket collides exactly when the server's bind would.
 */
final class BindPortProbe implements PortProbe {

	static final BindPortProbe INSTANCE = new BindPortProbe();

	private BindPortProbe() {
	}

	@Override
	public ProbeResult probe(@Nullable InetAddress address, int port) {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(address, port), 1);
			return ProbeResult.FREE;
		}
		catch (IOException ex) {
			return new ProbeResult(BindFailures.classify(ex, address, port), ex.getMessage());
		}
		catch (UnsupportedAddressTypeException ex) {
			return new ProbeResult(CandidateOutcome.ADDRESS_NOT_AVAILABLE, "unsupported address type " + address);
		}
	}

	@Override
	public int ephemeralPort(@Nullable InetAddress address) {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(address, 0), 1);
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
