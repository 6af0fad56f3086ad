package dev.portguard.holder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses Windows' {@code netstat -ano}: the TCP sockets in state {@code LISTENING} with the owning process id.
 * The state column is localised on some Windows installations, so a socket whose foreign address is the
 * unspecified address ({@code 0.0.0.0:0} or {@code [::]:0}) counts as listening as well.
 */
final class NetstatOutput {

	private NetstatOutput() {
	}

	/**
	 * One listening socket.
	 *
	 * @param address the local address and port, such as {@code 0.0.0.0:8080} or {@code [::]:8080}
	 * @param port the local port
	 * @param pid the owning process id
	 */
	record Entry(String address, int port, long pid) {
	}

	/**
	 * Parse the listening sockets of one port, or of every port.
	 * @param output netstat's output
	 * @param port the port, or {@code -1} for every port
	 * @return the listeners
	 */
	static List<Entry> parse(String output, int port) {
		List<Entry> entries = new ArrayList<>();
		for (String line : output.split("\\R")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length < 5 || !fields[0].toUpperCase(Locale.ROOT).startsWith("TCP")) {
				continue;
			}
			String local = fields[1];
			int colon = local.lastIndexOf(':');
			if (colon < 0) {
				continue;
			}
			int localPort;
			long pid;
			try {
				localPort = Integer.parseInt(local.substring(colon + 1));
				pid = Long.parseLong(fields[fields.length - 1]);
			}
			catch (NumberFormatException ex) {
				continue;
			}
			String foreign = fields[2];
			boolean listening = fields[3].equalsIgnoreCase("LISTENING") || foreign.equals("0.0.0.0:0")
					|| foreign.equals("[::]:0");
			if ((port < 0 || localPort == port) && listening) {
				entries.add(new Entry(local, localPort, pid));
			}
		}
		return entries;
	}

}
