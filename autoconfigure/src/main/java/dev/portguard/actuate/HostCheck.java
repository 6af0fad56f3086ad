package dev.portguard.actuate;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.portguard.registry.ThisMachine;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request's {@code Host} header names this machine: {@code localhost} (and names under
 * {@code .localhost}), a loopback or wildcard address, the machine's host name, an address of one of its network
 * interfaces, or a host the user allowed. A page that rebinds its own domain name to this machine's address
 * (DNS rebinding) still sends its domain name, so this keeps such a page from reading what the endpoint shows.
 */
final class HostCheck {

	private final Set<String> allowed;

	private final boolean anyHost;

	private volatile @Nullable Set<String> machineNames;

	/**
	 * Create a check.
	 * @param allowedHosts further host names or addresses to accept, {@code *} for any
	 * @throws IllegalArgumentException if an entry is not a host name or address
	 */
	HostCheck(Collection<String> allowedHosts) {
		Set<String> allowed = new HashSet<>();
		boolean anyHost = false;
		for (String entry : allowedHosts) {
			if (entry.strip().equals("*")) {
				anyHost = true;
				continue;
			}
			String text = entry.strip();
			boolean bareIpv6 = text.indexOf(':') != text.lastIndexOf(':') && !text.startsWith("[");
			String host = host(bareIpv6 ? "[" + text + "]" : text);
			if (host == null) {
				throw new IllegalArgumentException("'" + entry + "' is not a host name or address");
			}
			allowed.add(host);
		}
		this.allowed = Set.copyOf(allowed);
		this.anyHost = anyHost;
	}

	/**
	 * Return whether a request with this {@code Host} header is addressed to this machine or an allowed host.
	 * @param hostHeader the header, or {@code null} if the request has none (no browser sends such a request)
	 * @return whether the request may be answered
	 */
	boolean allows(@Nullable String hostHeader) {
		if (hostHeader == null || this.anyHost) {
			return true;
		}
		String host = host(hostHeader);
		if (host == null) {
			return false;
		}
		if (this.allowed.contains(host) || host.equals("localhost") || host.endsWith(".localhost")) {
			return true;
		}
		InetAddress address = literal(host);
		if (address != null) {
			return address.isLoopbackAddress() || address.isAnyLocalAddress() || isInterfaceAddress(address);
		}
		return machineNames().contains(host);
	}

	/**
	 * Return the host of a {@code Host} header, lower case, without port, brackets or a trailing dot.
	 * @param header the header, such as {@code localhost:8080} or {@code [::1]:8080}
	 * @return the host, or {@code null} if the header is malformed
	 */
	static @Nullable String host(String header) {
		String text = header.strip().toLowerCase(Locale.ROOT);
		String host;
		String port;
		if (text.startsWith("[")) {
			int end = text.indexOf(']');
			if (end < 0) {
				return null;
			}
			host = text.substring(1, end);
			port = text.substring(end + 1);
			if (host.isEmpty() || !host.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
				return null;
			}
		}
		else {
			int colon = text.indexOf(':');
			if (colon != text.lastIndexOf(':')) {
				return null;
			}
			host = (colon >= 0) ? text.substring(0, colon) : text;
			port = (colon >= 0) ? text.substring(colon) : "";
			host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
			if (host.isEmpty() || !host.chars()
				.allMatch((c) -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
				return null;
			}
		}
		if (!port.isEmpty() && (port.length() < 2 || port.length() > 6 || port.charAt(0) != ':'
				|| !port.substring(1).chars().allMatch((c) -> c >= '0' && c <= '9'))) {
			return null;
		}
		return host;
	}

	/**
	 * Return the address a host names literally, without asking a name service.
	 */
	private static @Nullable InetAddress literal(String host) {
		try {
			if (host.indexOf(':') >= 0) {
				// Brackets held only hex digits, colons and dots: InetAddress reads it as an IPv6 literal.
				return InetAddress.getByName(host);
			}
			String[] parts = host.split("\\.", -1);
			if (parts.length != 4) {
				return null;
			}
			byte[] bytes = new byte[4];
			for (int i = 0; i < 4; i++) {
				if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
					return null;
				}
				int value = Integer.parseInt(parts[i]);
				if (value > 255) {
					return null;
				}
				bytes[i] = (byte) value;
			}
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	// Read on each request that names an address that is not loopback: interfaces come and go (Wi-Fi, VPN, DHCP).
	private static boolean isInterfaceAddress(InetAddress address) {
		try {
			Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
			for (NetworkInterface each : (interfaces != null) ? Collections.list(interfaces)
					: Collections.<NetworkInterface>emptyList()) {
				for (InetAddress own : Collections.list(each.getInetAddresses())) {
					if (Arrays.equals(own.getAddress(), address.getAddress())) {
						return true;
					}
				}
			}
			return false;
		}
		catch (SocketException ex) {
			return false;
		}
	}

	private Set<String> machineNames() {
		Set<String> names = this.machineNames;
		if (names == null) {
			String name = ThisMachine.host().toLowerCase(Locale.ROOT);
			name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
			int dot = name.indexOf('.');
			names = (dot > 0) ? Set.of(name, name.substring(0, dot)) : Set.of(name);
			this.machineNames = names;
		}
		return names;
	}

}
