package dev.portguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs child processes as a user without privilege: through {@code setpriv} to nobody when the tests run as root.
 */
public final class Unprivileged {

	private Unprivileged() {
	}

	/**
	 * Return whether the tests run as root.
	 * @return whether this process's user id is 0
	 */
	public static boolean isRoot() {
		try {
			return Files.readAllLines(Paths.get("/proc/self/status"))
				.stream()
				.anyMatch((line) -> line.matches("Uid:\\s+0\\s.*"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the command prefix that runs a command as nobody: {@code setpriv} when the tests run as root, nothing
	 * when they already run without privilege.
	 * @return the prefix
	 */
	public static List<String> prefix() {
		if (!isRoot()) {
			return List.of();
		}
		assertThat(Paths.get("/usr/bin/setpriv")).as("setpriv (util-linux) runs a command as an unprivileged user")
			.exists();
		return List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
	}

}
