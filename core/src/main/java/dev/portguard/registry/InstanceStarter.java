package dev.portguard.registry;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Returns the live instance of an application, starting it first when none runs: the client that "checks if the
 * server is running, starts it if needed, and connects to whatever port the server is using". Two clients asking at
 * the same moment, in one JVM or in two, start one server: the start is done under a lock file in the registry
 * directory, and the registry is looked at again once the lock is held.
 */
final class InstanceStarter {

	/**
	 * How much of the end of a failed start's output an exception quotes.
	 */
	static final int TAIL_BYTES = 4096;

	private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

	private final InstanceRegistry registry;

	InstanceStarter(InstanceRegistry registry) {
		this.registry = registry;
	}

	Instance startIfNeeded(String application, ProcessBuilder command, Duration timeout, Consumer<String> progress)
			throws InstanceStartException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Instance running = accepting(application);
		if (running != null) {
			progress.accept("Server already running on " + url(running));
			return running;
		}
		String problem = this.registry.problem();
		if (problem != null) {
			throw new InstanceStartException("The instance registry cannot be used (" + problem + "); nothing was "
					+ "started, as the started server could not be found there");
		}
		Path lock;
		try {
			lock = this.registry.startLockFile(application);
		}
		catch (IOException ex) {
			throw new InstanceStartException("Cannot start " + application + ": the registry directory "
					+ this.registry.getDirectory() + " cannot be created (" + ex.getMessage() + ")", ex);
		}
		Object monitor = MONITORS.computeIfAbsent(lock.toAbsolutePath().normalize(), (path) -> new Object());
		synchronized (monitor) {
			try (FileChannel channel = this.registry.openLock(lock)) {
				FileLock held = acquire(channel, deadline, application, timeout);
				try {
					running = accepting(application);
					if (running != null) {
						progress.accept("Server already running on " + url(running));
						return running;
					}
					return start(application, command, deadline, timeout, progress);
				}
				finally {
					held.release();
				}
			}
			catch (IOException ex) {
				throw new InstanceStartException("Cannot start " + application + ": the lock " + lock
						+ " cannot be used (" + ex.getMessage() + ")", ex);
			}
		}
	}

	private FileLock acquire(FileChannel channel, long deadline, String application, Duration timeout)
			throws IOException, InterruptedException, InstanceStartException {
		while (true) {
			try {
				FileLock lock = channel.tryLock();
				if (lock != null) {
					return lock;
				}
			}
			catch (OverlappingFileLockException ex) {
				// Held by this JVM through another channel: wait as for another process.
			}
			if (System.nanoTime() > deadline) {
				throw new InstanceStartException("Another client has been starting " + application + " for longer than "
						+ timeout.toMillis() + " ms; nothing was started");
			}
			Thread.sleep(50);
		}
	}

	private Instance start(String application, ProcessBuilder command, long deadline, Duration timeout,
			Consumer<String> progress) throws InstanceStartException, InterruptedException {
		Path output = output(command, application);
		progress.accept("Server not running. Starting server...");
		Process process;
		try {
			process = command.start();
		}
		catch (IOException ex) {
			throw new InstanceStartException("Cannot start " + application + ": " + String.join(" ", command.command())
					+ " could not be run (" + ex.getMessage() + ")", ex);
		}
		Progress lines = new Progress(output, progress);
		while (true) {
			lines.read();
			Instance instance = startedBy(process, application);
			if (instance != null) {
				progress.accept("Server started successfully on " + url(instance) + "!");
				return instance;
			}
			if (!process.isAlive()) {
				lines.read();
				throw new InstanceStartException(application + " exited with code " + process.exitValue()
						+ " before it was up" + tail(output), null);
			}
			if (System.nanoTime() > deadline) {
				process.descendants().forEach(ProcessHandle::destroy);
				process.destroy();
				throw new InstanceStartException(application + " was not up within " + timeout.toMillis()
						+ " ms; it was stopped (pid " + process.pid() + ")" + tail(output), null);
			}
			Thread.sleep(100);
		}
	}

	/**
	 * Send the child's output to the file the caller named in the builder, or to {@code <application>.out} in the
	 * registry directory (owner-only, replaced on every start) when the caller left it to the parent.
	 */
	private @Nullable Path output(ProcessBuilder command, String application) throws InstanceStartException {
		ProcessBuilder.Redirect redirect = command.redirectOutput();
		if (redirect.type() == ProcessBuilder.Redirect.Type.PIPE) {
			Path file = this.registry.startOutputFile(application);
			try {
				this.registry.createOwnerOnly(file);
			}
			catch (IOException ex) {
				throw new InstanceStartException("Cannot start " + application + ": its output file " + file
						+ " cannot be created (" + ex.getMessage() + ")", ex);
			}
			command.redirectErrorStream(true).redirectOutput(file.toFile());
			return file;
		}
		File file = redirect.file();
		return (file != null) ? file.toPath() : null;
	}

	/**
	 * Return the instance the started process (or a process it started, such as the JVM a script runs) registered,
	 * once it accepts connections: another instance that came up meanwhile is not the one this call started.
	 */
	private @Nullable Instance startedBy(Process process, String application) {
		for (Instance instance : this.registry.instances(application)) {
			boolean ours = instance.pid() == process.pid()
					|| process.descendants().anyMatch((descendant) -> descendant.pid() == instance.pid());
			if (ours && InstanceRegistry.accepts(instance)) {
				return instance;
			}
		}
		return null;
	}

	private @Nullable Instance accepting(String application) {
		for (Instance instance : this.registry.instances(application)) {
			if (InstanceRegistry.accepts(instance)) {
				return instance;
			}
		}
		return null;
	}

	private static String url(Instance instance) {
		if (instance.baseUrl() != null) {
			return instance.baseUrl();
		}
		return "http://127.0.0.1:" + instance.port("server").orElse(0);
	}

	/**
	 * Return the end of the output, at most {@value #TAIL_BYTES} bytes of it, for an exception's message.
	 */
	static String tail(@Nullable Path output) {
		if (output == null) {
			return "";
		}
		try (FileChannel channel = FileChannel.open(output, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			long size = channel.size();
			channel.position(Math.max(0, size - TAIL_BYTES));
			byte[] bytes = java.nio.channels.Channels.newInputStream(channel).readNBytes(TAIL_BYTES);
			String text = new String(bytes, StandardCharsets.UTF_8).strip();
			return text.isEmpty() ? "; it printed nothing (" + output + ")"
					: "; the end of its output (" + output + "):\n" + text;
		}
		catch (IOException | RuntimeException ex) {
			return "; its output (" + output + ") cannot be read: " + ex.getMessage();
		}
	}

	/**
	 * Turns what the starting server prints into the client's progress lines: portguard's line about a taken port
	 * becomes {@code Port 8765 in use, using port 8766}, and the port the server binds
	 * {@code Waiting for server to start on port 8766...}.
	 */
	private static final class Progress {

		private final @Nullable Path output;

		private final Consumer<String> progress;

		private long position;

		private String partial = "";

		private boolean waiting;

		private final List<String> said = new ArrayList<>();

		Progress(@Nullable Path output, Consumer<String> progress) {
			this.output = output;
			this.progress = progress;
		}

		void read() {
			if (this.output == null) {
				return;
			}
			try (InputStream in = Files.newInputStream(this.output, LinkOption.NOFOLLOW_LINKS)) {
				in.skipNBytes(this.position);
				byte[] bytes = in.readNBytes(1 << 20);
				this.position += bytes.length;
				String text = this.partial + new String(bytes, StandardCharsets.UTF_8);
				int end = text.lastIndexOf('\n');
				this.partial = (end < 0) ? text : text.substring(end + 1);
				if (end >= 0) {
					for (String line : text.substring(0, end).split("\n")) {
						line(line);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// Not written yet, or truncated by a restart: progress lines are a courtesy.
			}
		}

		private void line(String line) {
			int moved = line.indexOf(" is in use, using port ");
			if (moved > 0 && line.contains("(server.port")) {
				String from = lastNumber(line.substring(0, moved));
				String to = firstNumber(line.substring(moved + 23));
				if (from != null && to != null) {
					say("Port " + from + " in use, using port " + to);
					waitingOn(to);
				}
				return;
			}
			for (String marker : new String[] { "initialized with port ", "started on port " }) {
				int at = line.indexOf(marker);
				if (at >= 0) {
					String port = firstNumber(line.substring(at + marker.length()));
					if (port != null) {
						waitingOn(port);
					}
				}
			}
		}

		private void waitingOn(String port) {
			if (!this.waiting) {
				this.waiting = true;
				say("Waiting for server to start on port " + port + "...");
			}
		}

		private void say(String text) {
			if (!this.said.contains(text)) {
				this.said.add(text);
				this.progress.accept(text);
			}
		}

		private static @Nullable String firstNumber(String text) {
			int start = 0;
			while (start < text.length() && !Character.isDigit(text.charAt(start))) {
				start++;
			}
			int end = start;
			while (end < text.length() && end - start < 5 && Character.isDigit(text.charAt(end))) {
				end++;
			}
			return (end > start) ? text.substring(start, end) : null;
		}

		private static @Nullable String lastNumber(String text) {
			int end = text.length();
			while (end > 0 && !Character.isDigit(text.charAt(end - 1))) {
				end--;
			}
			int start = end;
			while (start > 0 && end - start < 5 && Character.isDigit(text.charAt(start - 1))) {
				start--;
			}
			return (end > start) ? text.substring(start, end) : null;
		}

	}

}
