package dev.portguard.policy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Locale;

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
			return new ProbeResult(classify(ex), ex.getMessage());
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

	/**
	 * Classify a failed bind. The JDK reports EADDRINUSE, EACCES and EADDRNOTAVAIL all as {@link BindException};
	 * only the operating system's message (strerror on Unix, FormatMessage on Windows) tells them apart.
	 * @param ex the exception thrown by the bind
	 * @return the outcome
	 */
	static CandidateOutcome classify(IOException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage().toLowerCase(Locale.ROOT) : "";
		if (ex instanceof BindException) {
			if (message.contains("in use")) {
				return CandidateOutcome.IN_USE;
			}
			if (message.contains("permission denied") || message.contains("access permissions")
					|| message.contains("not permitted")) {
				return CandidateOutcome.PERMISSION_DENIED;
			}
			if (message.contains("assign requested address") || message.contains("not valid in its context")) {
				return CandidateOutcome.ADDRESS_NOT_AVAILABLE;
			}
			return CandidateOutcome.ERROR;
		}
		if (ex instanceof SocketException && (message.contains("protocol family unavailable")
				|| message.contains("address family not supported"))) {
			return CandidateOutcome.ADDRESS_NOT_AVAILABLE;
		}
		return CandidateOutcome.ERROR;
	}

}
