package dev.portguard.holder;

import java.io.IOException;
import java.io.InputStream;
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

	/**
	 * How much of one port holder's command line is read: enough for the main class after a long class path.
	 */
	static final int ONE_HOLDER = 128 * 1024;

	/**
	 * How much of each listener's command line is read when the whole host is listed: its start, which says what
	 * the program is; the endpoint serves the listing on every request.
	 */
	static final int EACH_LISTENER = 512;

	private static volatile @Nullable BootTime bootTime;

	private ProcessDetails() {
	}

	static PortHolder describe(long pid, @Nullable String knownName, @Nullable String knownUser, String listening,
			@Nullable Path proc) {
		return describe(pid, knownName, knownUser, listening, proc, ONE_HOLDER);
	}

	/**
	 * Describe a process.
	 * @param pid the process
	 * @param knownName its name, if the caller knows it
	 * @param knownUser its user, if the caller knows it
	 * @param listening the address it listens on
	 * @param proc {@code /proc} on Linux, else {@code null} to ask {@link ProcessHandle}
	 * @param maxCommandLine how many bytes of the command line to read from {@code /proc}; elsewhere the JDK reads
	 * it and {@link PortHolder} keeps {@value CommandLines#MAX_LENGTH} characters of it
	 * @return the holder
	 */
	static PortHolder describe(long pid, @Nullable String knownName, @Nullable String knownUser, String listening,
			@Nullable Path proc, int maxCommandLine) {
		if (proc != null) {
			return fromProc(pid, listening, proc, maxCommandLine);
		}
		Optional<ProcessHandle> handle = ProcessHandle.of(pid);
		ProcessHandle.Info info = handle.isPresent() ? handle.get().info() : null;
		String executable = (info != null) ? info.command().orElse(null) : null;
		String commandLine = (info != null) ? info.commandLine().orElse(null) : null;
		String name = knownName;
		if (name == null && executable != null) {
			name = executable.substring(Math.max(executable.lastIndexOf('/'), executable.lastIndexOf('\\')) + 1);
		}
		String user = (info != null) ? info.user().orElse(knownUser) : knownUser;
		Instant startedAt = (info != null) ? info.startInstant().orElse(null) : null;
		return new PortHolder(pid, (name != null) ? name : "?", executable, commandLine, user, startedAt, listening,
				null);
	}

	/**
	 * Read a process from {@code /proc} directly rather than through {@link ProcessHandle}, whose first use starts
	 * machinery (an executor, lambdas) that costs more than the whole lookup in a JVM that is failing to start.
	 */
	private static PortHolder fromProc(long pid, String listening, Path proc, int maxCommandLine) {
		Path process = proc.resolve(Long.toString(pid));
		String executable;
		try {
			executable = Files.readSymbolicLink(process.resolve("exe")).toString();
		}
		catch (IOException | RuntimeException ex) {
			executable = null;
		}
		String name = read(process.resolve("comm"));
		if (name == null && executable != null) {
			name = executable.substring(executable.lastIndexOf('/') + 1);
		}
		String user;
		try {
			user = UserNames.of((Integer) Files.getAttribute(process, "unix:uid"), proc);
		}
		catch (IOException | RuntimeException ex) {
			user = null;
		}
		return new PortHolder(pid, (name != null) ? name : "?", executable, cmdline(process.resolve("cmdline"), maxCommandLine),
				user,
				startedAt(process, proc), listening, null);
	}

	/**
	 * Return when a process started: field 22 of {@code /proc/<pid>/stat} counts clock ticks since boot, in
	 * {@code USER_HZ} (100 on every architecture Java runs on), and {@code btime} in {@code /proc/stat} is the boot
	 * time.
	 */
	private static @Nullable Instant startedAt(Path process, Path proc) {
		String stat = readBounded(process.resolve("stat"), 4096);
		long boot = bootTime(proc);
		if (stat == null || boot < 0) {
			return null;
		}
		try {
			String[] fields = ProcNetTcp.fields(stat.substring(stat.lastIndexOf(')') + 2));
			long ticks = Long.parseLong(fields[19]);
			return Instant.ofEpochMilli(boot * 1000 + ticks * 10);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Return the boot time in epoch seconds ({@code btime} in {@code /proc/stat}), read once per {@code /proc}: it
	 * does not change while the machine runs, and the dashboard describes many processes in a row.
	 */
	private static long bootTime(Path proc) {
		BootTime known = bootTime;
		if (known != null && known.proc.equals(proc)) {
			return known.seconds;
		}
		long seconds = -1;
		String system = readBounded(proc.resolve("stat"), 64 * 1024);
		if (system != null) {
			int at = system.indexOf("\nbtime ");
			int end = (at < 0) ? -1 : system.indexOf('\n', at + 7);
			try {
				seconds = (at < 0) ? -1
						: Long.parseLong(system.substring(at + 7, (end < 0) ? system.length() : end).trim());
			}
			catch (RuntimeException ex) {
				seconds = -1;
			}
		}
		if (seconds >= 0) {
			bootTime = new BootTime(proc, seconds);
		}
		return seconds;
	}

	private record BootTime(Path proc, long seconds) {
	}

	private static @Nullable String read(Path path) {
		String text = readBounded(path, 256);
		if (text == null) {
			return null;
		}
		text = text.trim();
		return text.isEmpty() ? null : text;
	}

	/**
	 * Read a command line, at most {@code max} bytes of it, marked with {@link CommandLines#CUT} where it was cut.
	 */
	private static @Nullable String cmdline(Path path, int max) {
		byte[] bytes;
		try (InputStream in = Files.newInputStream(path)) {
			bytes = in.readNBytes(max + 1);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		boolean cut = bytes.length > max;
		String text = new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.UTF_8);
		text = text.replace('\0', ' ').trim();
		return text.isEmpty() ? null : cut ? text + CommandLines.CUT.stripTrailing() : text;
	}

	/**
	 * Read at most {@code max} bytes of a file as UTF-8.
	 * @param path the file
	 * @param max how many bytes to read at most
	 * @return the text, or {@code null} if the file cannot be read
	 */
	static @Nullable String readBounded(Path path, int max) {
		try (InputStream in = Files.newInputStream(path)) {
			return new String(in.readNBytes(max), StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
