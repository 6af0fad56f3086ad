package dev.portguard.holder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads what can be seen of a process: {@link ProcessHandle.Info} everywhere, {@code /proc/<pid>} on Linux.
 */
final class ProcessDetails {

	private ProcessDetails() {
	}

	static PortHolder describe(long pid, @Nullable String knownName, @Nullable String knownUser, String listening,
			@Nullable Path proc) {
		Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
		String executable = info.flatMap(ProcessHandle.Info::command).orElse(null);
		String commandLine = (proc != null) ? cmdline(proc.resolve(Long.toString(pid)).resolve("cmdline")) : null;
		if (commandLine == null) {
			commandLine = info.flatMap(ProcessHandle.Info::commandLine).orElse(null);
		}
		String name = (proc != null) ? read(proc.resolve(Long.toString(pid)).resolve("comm")) : null;
		if (name == null) {
			name = knownName;
		}
		if (name == null && executable != null) {
			name = executable.substring(Math.max(executable.lastIndexOf('/'), executable.lastIndexOf('\\')) + 1);
		}
		String user = info.flatMap(ProcessHandle.Info::user).orElse(knownUser);
		Instant startedAt = info.flatMap(ProcessHandle.Info::startInstant).orElse(null);
		return new PortHolder(pid, (name != null) ? name : "?", executable, commandLine, user, startedAt, listening,
				null);
	}

	private static @Nullable String read(Path path) {
		try {
			String text = Files.readString(path, StandardCharsets.UTF_8).trim();
			return text.isEmpty() ? null : text;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String cmdline(Path path) {
		try {
			byte[] bytes = Files.readAllBytes(path);
			if (bytes.length == 0) {
				return null;
			}
			String text = new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
			return text.isEmpty() ? null : text;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
