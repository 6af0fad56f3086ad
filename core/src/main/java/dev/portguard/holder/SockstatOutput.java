package dev.portguard.holder;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses FreeBSD's {@code sockstat -46 -l -P tcp}: {@code USER COMMAND PID FD PROTO LOCAL-ADDRESS FOREIGN-ADDRESS}
 * per socket and process, so every process that shares a listening socket has its own row; a socket whose process
 * is not visible shows {@code ?}.
 */
final class SockstatOutput {

	private SockstatOutput() {
	}

	/**
	 * One process holding a listening socket.
	 *
	 * @param user the process' user
	 * @param command the command name
	 * @param pid the process id
	 * @param address the local address and port, such as {@code *:8080} or {@code 127.0.0.1:8080}
	 * @param port the local port
	 */
	record Entry(String user, String command, long pid, String address, int port) {
	}

	/**
	 * Parse the sockets of one port, or of every port.
	 * @param output sockstat's output
	 * @param port the port, or {@code -1} for every port
	 * @return the sockets with a visible process
	 */
	static List<Entry> parse(String output, int port) {
		List<Entry> entries = new ArrayList<>();
		for (String line : output.split("\\R")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length < 7 || !fields[4].startsWith("tcp")) {
				continue;
			}
			String local = fields[5];
			int colon = local.lastIndexOf(':');
			try {
				long pid = Long.parseLong(fields[2]);
				int localPort = Integer.parseInt(local.substring(colon + 1));
				if (port < 0 || localPort == port) {
					entries.add(new Entry(fields[0], fields[1], pid, local, localPort));
				}
			}
			catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
				// A header, or a socket whose process is not visible.
			}
		}
		return entries;
	}

}
