package dev.portguard.holder;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool with a deadline and returns what it printed and how it ended, never throwing. Its output
 * is read while it runs, so a tool that prints more than a pipe holds (about 4 KiB on Windows, 64 KiB on Linux)
 * never blocks; what it prints beyond {@value #MAX_OUTPUT} bytes is read and dropped.
 */
final class CommandRunner {

	static final int MAX_OUTPUT = 1 << 20;

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
		Process process;
		try {
			process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
				stop(process);
				return new Result(command.get(0), Outcome.TIMED_OUT, -1, drain.text(), timeout);
			}
			reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
			if (reader.isAlive()) {
				// A child of the tool still holds its output open.
				stop(process);
				return new Result(command.get(0), Outcome.TIMED_OUT, -1, drain.text(), timeout);
			}
			return new Result(command.get(0), Outcome.EXITED, process.exitValue(), drain.text(), timeout);
		}
		catch (IOException ex) {
			stop(process);
			return new Result(command.get(0), Outcome.NOT_RUN, -1, "", timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop(process);
			return new Result(command.get(0), Outcome.TIMED_OUT, -1, drain.text(), timeout);
		}
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	private static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
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
