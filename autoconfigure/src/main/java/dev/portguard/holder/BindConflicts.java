package dev.portguard.holder;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a listening socket stands in the way of a bind, the way the kernel does: a wildcard listener
 * collides with every bind of its family (the IPv6 wildcard, dual-stack, with IPv4 ones too), a wildcard bind with
 * every listener of its family, and two specific addresses only when they are the same. A listener on
 * {@code 127.0.0.1:8080} therefore does not hold {@code 127.0.0.3:8080}.
 */
public final class BindConflicts {

	private BindConflicts() {
	}

	/**
	 * Return whether a listener collides with a bind of the same port.
	 * @param listening where the listener listens, as a locator prints it ({@code 127.0.0.1:8080},
	 * {@code [::]:8080}, {@code *:8080})
	 * @param bind the address the bind asks for, or {@code null} for every interface (dual-stack)
	 * @return whether they collide; {@code true} when the listener's address cannot be read
	 */
	public static boolean conflicts(String listening, @Nullable InetAddress bind) {
		if (bind == null) {
			return true;
		}
		InetAddress listener = address(listening);
		if (listener == null) {
			return true;
		}
		if (listener.isAnyLocalAddress()) {
			return listener instanceof Inet6Address || bind instanceof Inet4Address || bind.isAnyLocalAddress();
		}
		if (bind.isAnyLocalAddress()) {
			return bind instanceof Inet6Address || listener instanceof Inet4Address;
		}
		return listener.equals(bind);
	}

	/**
	 * Read the address of a listening socket, only when it is a numeric literal: a name is never resolved.
	 */
	static @Nullable InetAddress address(String listening) {
		int colon = listening.lastIndexOf(':');
		String host = (colon < 0) ? listening : listening.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int zone = host.indexOf('%');
		if (zone >= 0) {
			host = host.substring(0, zone);
		}
		if (host.isEmpty() || host.equals("*")) {
			return null;
		}
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (Character.digit(c, 16) < 0 && c != '.' && c != ':') {
				return null;
			}
		}
		if (host.indexOf(':') < 0 && host.indexOf('.') < 0) {
			return null;
		}
		try {
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException | RuntimeException ex) {
			return null;
		}
	}

}
