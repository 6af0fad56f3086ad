package dev.portguard.holder;

import org.jspecify.annotations.Nullable;

/**
 * Parses {@code tasklist /FI "PID eq <pid>" /FO CSV /NH}: one quoted, comma-separated row per process, image name
 * first and process id second, in every Windows language; a message in the user's language when none matches.
 */
final class TasklistOutput {

	private TasklistOutput() {
	}

	static @Nullable String imageName(String output, long pid) {
		for (String line : output.split("\\R")) {
			String trimmed = line.trim();
			if (!trimmed.startsWith("\"")) {
				continue;
			}
			String[] fields = trimmed.split("\",\"");
			if (fields.length >= 2 && fields[1].replace("\"", "").trim().equals(Long.toString(pid))) {
				String name = fields[0].substring(1).trim();
				return name.isEmpty() ? null : name;
			}
		}
		return null;
	}

}
