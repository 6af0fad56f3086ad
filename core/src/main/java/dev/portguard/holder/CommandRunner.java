package dev.portguard.holder;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an external tool with a deadline and returns what it printed and how it ended, never throwing. Its output
 * is read while it runs, so a tool that prints more than a pipe holds (about 4 KiB on Windows, 64 KiB on Linux)
 * never blocks; what it prints beyond {@value #MAX_OUTPUT} bytes is read and dropped.
 */
final class CommandRunner {

	static final int MAX_OUTPUT = 1 << 20;

	/**
	 * The environment variable that marks every process a run started, so that a tool's daemonised children can
	 * be found and stopped with it.
	 */
	static final String MARK = "PORTGUARD_TOOL_RUN";

	private static final AtomicLong RUNS = new AtomicLong();

	private CommandRunner() {
	}

	/**
	 * Return whether a command is on the {@code PATH}.
	 * @param command the command
	 * @return whether it can be run
	 */
	static boolean isAvailable(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, command);
				if (Files.isExecutable(candidate) || Files.isExecutable(Path.of(directory, command + ".exe"))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Run a command.
	 * @param command the command and its arguments
	 * @param timeout how long it may take
	 * @return how it ended and what it printed
	 */
	static Result run(List<String> command, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String mark = Long.toHexString(ProcessHandle.current().pid()) + "-" + Long.toHexString(System.nanoTime())
				+ "-" + RUNS.incrementAndGet();
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
			builder.environment().put(MARK, mark);
			process = builder.start();
		}
		catch (IOException | RuntimeException ex) {
			return new Result(command.get(0), Outcome.NOT_RUN, -1, "", timeout);
		}
		Drain drain = new Drain(process.getInputStream());
		Thread reader = new Thread(drain, "portguard-command-output");
		reader.setDaemon(true);
		reader.start();
		try {
			process.getOutputStream().close();
			if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
				stop(process, mark);
				return new Result(command.get(0), Outcome.TIMED_OUT, -1, drain.text(), timeout);
			}
			reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
			if (reader.isAlive()) {
				// A child of the tool still holds its output open.
				stop(process, mark);
				return new Result(command.get(0), Outcome.TIMED_OUT, -1, drain.text(), timeout);
			}
			return new Result(command.get(0), Outcome.EXITED, process.exitValue(), drain.text(), timeout);
		}
		catch (IOException ex) {
			stop(process, mark);
			return new Result(command.get(0), Outcome.NOT_RUN, -1, "", timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop(process, mark);
			return new Result(command.get(0), Outcome.TIMED_OUT, -1, drain.text(), timeout);
		}
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	/**
	 * Stop a tool and everything it started: its descendants, and on Linux also the processes that left its tree
	 * (a daemonising child is adopted by init) but still carry the mark this run put in their environment.
	 */
	private static void stop(Process process, String mark) {
		List<ProcessHandle> tree = new ArrayList<>();
		process.descendants().forEach(tree::add);
		process.destroyForcibly();
		for (ProcessHandle handle : tree) {
			handle.destroyForcibly();
		}
		Path proc = Path.of("/proc");
		if (!Files.isDirectory(proc.resolve("self"))) {
			return;
		}
		byte[] needle = (MARK + "=" + mark).getBytes(StandardCharsets.UTF_8);
		for (int pass = 0; pass < 3; pass++) {
			boolean found = false;
			try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc)) {
				for (Path candidate : processes) {
					String name = candidate.getFileName().toString();
					if (name.isEmpty() || !Character.isDigit(name.charAt(0))
							|| !carries(candidate.resolve("environ"), needle)) {
						continue;
					}
					try {
						found |= ProcessHandle.of(Long.parseLong(name)).map(ProcessHandle::destroyForcibly).orElse(false);
					}
					catch (NumberFormatException ex) {
						// Not a process directory.
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				return;
			}
			if (!found) {
				return;
			}
		}
	}

	/**
	 * Return whether a process' environment (its first 256 KiB) holds the mark.
	 */
	private static boolean carries(Path environ, byte[] needle) {
		byte[] content;
		try (InputStream in = Files.newInputStream(environ)) {
			content = in.readNBytes(256 * 1024);
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
		outer: for (int i = 0; i + needle.length <= content.length; i++) {
			if (i > 0 && content[i - 1] != 0) {
				continue;
			}
			for (int j = 0; j < needle.length; j++) {
				if (content[i + j] != needle[j]) {
					continue outer;
				}
			}
			if (i + needle.length == content.length || content[i + needle.length] == 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * How a command ended.
	 */
	enum Outcome {

		/**
		 * It ran and exited.
		 */
		EXITED,

		/**
		 * It could not be started (not installed, not executable).
		 */
		NOT_RUN,

		/**
		 * It did not finish in time and was stopped.
		 */
		TIMED_OUT

	}

	/**
	 * How a command ended and what it printed.
	 *
	 * @param tool the command's name
	 * @param outcome how it ended
	 * @param exitCode its exit code, or {@code -1} if it did not exit by itself
	 * @param output what it printed on standard output, as UTF-8, at most {@value CommandRunner#MAX_OUTPUT} bytes
	 * @param timeout the time it was given
	 */
	record Result(String tool, Outcome outcome, int exitCode, String output, Duration timeout) {

		boolean succeeded() {
			return this.outcome == Outcome.EXITED && this.exitCode == 0;
		}

		/**
		 * Describe why the command gave no answer, for people.
		 * @return the reason
		 */
		String failure() {
			return switch (this.outcome) {
				case NOT_RUN -> this.tool + " could not be run";
				case TIMED_OUT -> this.tool + " did not answer within " + this.timeout.toMillis() + " ms";
				case EXITED -> this.tool + " failed (exit code " + this.exitCode + ")";
			};
		}

	}

	private static final class Drain implements Runnable {

		private final InputStream in;

		private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

		Drain(InputStream in) {
			this.in = in;
		}

		@Override
		public void run() {
			byte[] buffer = new byte[8192];
			try (this.in) {
				int read;
				while ((read = this.in.read(buffer)) >= 0) {
					synchronized (this.kept) {
						int room = MAX_OUTPUT - this.kept.size();
						if (room > 0) {
							this.kept.write(buffer, 0, Math.min(room, read));
						}
					}
				}
			}
			catch (IOException ex) {
				// The process was stopped; what was read so far is kept.
			}
		}

		String text() {
			synchronized (this.kept) {
				return this.kept.toString(StandardCharsets.UTF_8);
			}
		}

	}

}
