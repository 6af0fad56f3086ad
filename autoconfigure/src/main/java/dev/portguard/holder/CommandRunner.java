package dev.portguard.holder;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Runs an external tool with a deadline and returns what it printed, never throwing.
 */
final class CommandRunner {

	private static final int MAX_OUTPUT = 1 << 20;

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
	 * @return its standard output, or {@code null} if it could not run, failed, or took too long
	 */
	static @Nullable String run(List<String> command, Duration timeout) {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(false)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		try (InputStream in = process.getInputStream()) {
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return null;
			}
			byte[] output = in.readNBytes(MAX_OUTPUT);
			return (process.exitValue() == 0) ? new String(output, StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			process.destroyForcibly();
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return null;
		}
	}

}
