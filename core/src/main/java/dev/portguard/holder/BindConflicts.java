package dev.portguard.holder;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a listening socket stands in the way of a bind of the JVM (whose IPv6 sockets are dual-stack), the
 * way the kernel does: a wildcard on either side collides with everything, two specific addresses only when they are
 * the same. A listener on
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
		// A wildcard on either side collides with everything, across families: the JVM's IPv6 sockets are
		// dual-stack, and the kernel refuses 0.0.0.0 next to them as it refuses them next to 0.0.0.0.
		return listener.isAnyLocalAddress() || bind.isAnyLocalAddress() || listener.equals(bind);
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
