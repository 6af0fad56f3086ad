package dev.portguard.holder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}: one socket per line, addresses in hexadecimal
 * with every 32-bit word in the kernel's (little-endian) byte order.
 */
final class ProcNetTcp {

	/**
	 * Kernel state of a listening socket.
	 */
	static final int LISTEN = 0x0A;

	private ProcNetTcp() {
	}

	/**
	 * One socket of the table.
	 *
	 * @param address the local address
	 * @param port the local port
	 * @param state the kernel's TCP state
	 * @param uid the owner's user id
	 * @param inode the socket's inode, {@code 0} once it is closed
	 */
	record Entry(InetAddress address, int port, int state, int uid, long inode) {

		String localAddress() {
			String host = this.address.getHostAddress();
			return ((host.indexOf(':') >= 0) ? "[" + compress(host) + "]" : host) + ":" + this.port;
		}

		private static String compress(String host) {
			return host.equals("0:0:0:0:0:0:0:0") ? "::" : host.equals("0:0:0:0:0:0:0:1") ? "::1" : host;
		}

	}

	/**
	 * Parse the table, keeping the sockets that listen on one port. (A socket that is bound but does not listen,
	 * such as another portguard instance's reservation, is not in the table at all.)
	 * @param content the file's content
	 * @param port the port
	 * @return the matching sockets, in table order
	 */
	static List<Entry> parse(String content, int port) {
		try {
			return parse(new BufferedReader(new StringReader(content)), port, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parse the table as the kernel writes it, line by line. The kernel generates the file while it is read, so
	 * stopping at the first match also spares it the rest of the table (with thousands of sockets, most of the
	 * cost).
	 * @param reader the table
	 * @param port the port
	 * @param firstOnly whether to stop at the first listener of the port
	 * @return the matching sockets, in table order
	 * @throws IOException if the table cannot be read
	 */
	static List<Entry> parse(BufferedReader reader, int port, boolean firstOnly) throws IOException {
		List<Entry> entries = new ArrayList<>();
		String hex = Integer.toHexString(port).toUpperCase(Locale.ROOT);
		String needle = ":" + "0000".substring(hex.length()) + hex + " ";
		String line;
		while ((line = reader.readLine()) != null) {
			int at = line.indexOf(needle);
			if (at < 0 || !isLocalAddress(line, at)) {
				continue;
			}
			String[] fields = fields(line);
			if (fields.length < 10 || !fields[0].endsWith(":") || Integer.parseInt(fields[3], 16) != LISTEN) {
				continue;
			}
			String local = fields[1];
			int colon = local.indexOf(':');
			entries.add(new Entry(address(local.substring(0, colon)), port, LISTEN, Integer.parseInt(fields[7]),
					Long.parseLong(fields[9])));
			if (firstOnly) {
				break;
			}
		}
		return entries;
	}

	/**
	 * Parse every listening socket of the table.
	 * @param content the file's content
	 * @return the listeners, in table order
	 */
	static List<Entry> parseAll(String content) {
		List<Entry> entries = new ArrayList<>();
		for (String line : content.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length < 10 || !fields[0].endsWith(":") || !fields[3].equals("0A")) {
				continue;
			}
			String local = fields[1];
			int colon = local.indexOf(':');
			entries.add(new Entry(address(local.substring(0, colon)), Integer.parseInt(local.substring(colon + 1), 16),
					LISTEN, Integer.parseInt(fields[7]), Long.parseLong(fields[9])));
		}
		return entries;
	}

	/**
	 * Split a line at runs of spaces, without a regular expression: the lookup runs once in a JVM that is failing
	 * to start, where compiling one costs more than reading the table.
	 */
	static String[] fields(String line) {
		List<String> fields = new ArrayList<>(17);
		int i = 0;
		int length = line.length();
		while (i < length) {
			while (i < length && line.charAt(i) == ' ') {
				i++;
			}
			int start = i;
			while (i < length && line.charAt(i) != ' ') {
				i++;
			}
			if (i > start) {
				fields.add(line.substring(start, i));
			}
		}
		return fields.toArray(new String[0]);
	}

	private static boolean isLocalAddress(String line, int at) {
		int start = line.indexOf(':') + 1;
		while (start < at && line.charAt(start) == ' ') {
			start++;
		}
		for (int i = start; i < at; i++) {
			if (Character.digit(line.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	static InetAddress address(String hex) {
		byte[] bytes = new byte[hex.length() / 2];
		for (int word = 0; word < bytes.length / 4; word++) {
			for (int i = 0; i < 4; i++) {
				int offset = (word * 4 + i) * 2;
				bytes[word * 4 + 3 - i] = (byte) Integer.parseInt(hex.substring(offset, offset + 2), 16);
			}
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an address: " + hex, ex);
		}
	}

}
