package dev.portguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real listening sockets for tests, and blocks of consecutive ports that are free right now.
 */
public final class Sockets {

	private Sockets() {
	}

	/**
	 * Listen on a port, as another server would.
	 * @param address the address, or {@code null} for the wildcard
	 * @param port the port
	 * @return the listening socket; close it to free the port
	 */
	public static ServerSocket listen(InetAddress address, int port) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(address, port));
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + address + ":" + port, ex);
		}
	}

	/**
	 * Listen on the IPv6 wildcard with {@code IPV6_V6ONLY} as the kernel default sets it (dual-stack on Linux), as a
	 * server started with {@code [::]} would.
	 * @param port the port
	 * @return the listening channel
	 */
	public static ServerSocketChannel listenIpv6Wildcard(int port) {
		return listenChannel("::", port);
	}

	/**
	 * Listen on the IPv6 loopback only.
	 * @param port the port
	 * @return the listening channel
	 */
	public static ServerSocketChannel listenIpv6Loopback(int port) {
		return listenChannel("::1", port);
	}

	/**
	 * Listen on the IPv4 wildcard with an IPv4-only socket, as a server started with
	 * {@code -Djava.net.preferIPv4Stack=true} or a native one bound to {@code 0.0.0.0} would.
	 * @param port the port
	 * @return the listening channel
	 */
	public static ServerSocketChannel listenIpv4Wildcard(int port) {
		try {
			ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
			return channel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ServerSocketChannel listenChannel(String host, int port) {
		try {
			ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET6);
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress(InetAddress.getByName(host), port));
			return channel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("IPv6 listener on [" + host + "]:" + port
					+ " failed; these tests need IPv6 on the loopback interface", ex);
		}
	}

	/**
	 * Leave a connection of a port in TIME_WAIT and nothing listening on it: a server on the port accepts a
	 * connection and closes its end first, as a server does that stops with keep-alive clients, then stops
	 * listening. Checked with {@code ss}, so a test never runs without the state it needs.
	 * @param port the port, on 127.0.0.1
	 */
	public static void leaveInTimeWait(int port) {
		InetAddress loopback = loopback();
		try (ServerSocket server = new ServerSocket()) {
			server.setReuseAddress(true);
			server.bind(new java.net.InetSocketAddress(loopback, port));
			try (java.net.Socket client = new java.net.Socket(loopback, port);
					java.net.Socket accepted = server.accept()) {
				accepted.close();
				client.getInputStream().read();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			Process ss = new ProcessBuilder("ss", "-Htan", "state", "time-wait", "sport", "= :" + port)
				.redirectErrorStream(true)
				.start();
			String output = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			if (ss.waitFor() != 0 || output.isBlank()) {
				throw new IllegalStateException("No connection of port " + port + " is in TIME_WAIT (ss: " + output
						+ "); the test needs one (iproute2's ss must be installed)");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Find {@code count} consecutive ports that are free on every address right now.
	 * @param count how many ports
	 * @return the first port of the block
	 */
	public static int freeBlock(int count) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 200; attempt++) {
			int base = random.nextInt(20000, 30000);
			if (isBlockFree(base, count)) {
				return base;
			}
		}
		throw new IllegalStateException("No block of " + count + " free ports found");
	}

	private static boolean isBlockFree(int base, int count) {
		for (int port = base; port < base + count; port++) {
			try (ServerSocketChannel channel = ServerSocketChannel.open()) {
				channel.bind(new InetSocketAddress(port));
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the IPv4 loopback address.
	 * @return 127.0.0.1
	 */
	public static InetAddress loopback() {
		return address("127.0.0.1");
	}

	/**
	 * Resolve a literal address.
	 * @param literal the address
	 * @return the address
	 */
	public static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
