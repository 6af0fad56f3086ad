package dev.portguard.holder;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Parses the field output of {@code lsof -nP -iTCP:<port> -sTCP:LISTEN -F pcLn}: one field per line, its first
 * character naming it ({@code p} pid, {@code c} command, {@code L} login, {@code f} file descriptor, {@code n}
 * address).
 */
final class LsofOutput {

	private LsofOutput() {
	}

	/**
	 * One listening socket and its process.
	 *
	 * @param pid the process id
	 * @param command the command name
	 * @param login the user's login name
	 * @param address the listening address and port, such as {@code *:8080} or {@code [::1]:8080}
	 */
	record Entry(long pid, String command, @Nullable String login, String address) {
	}

	static List<Entry> parse(String output) {
		List<Entry> entries = new ArrayList<>();
		long pid = -1;
		String command = null;
		String login = null;
		for (String line : output.split("\\R")) {
			if (line.isEmpty()) {
				continue;
			}
			char field = line.charAt(0);
			String value = line.substring(1);
			switch (field) {
				case 'p' -> {
					pid = Long.parseLong(value.trim());
					command = null;
					login = null;
				}
				case 'c' -> command = value;
				case 'L' -> login = value;
				case 'n' -> {
					if (pid > 0) {
						entries.add(new Entry(pid, (command != null) ? command : "?", login,
								value.replace("->", " -> ")));
					}
				}
				default -> {
				}
			}
		}
		return entries;
	}

}
