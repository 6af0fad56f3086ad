package dev.portguard.holder;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Asks the container runtimes on this machine (Docker, then Podman) which container publishes a port.
 */
class ContainerLookup {

	private static final List<String> RUNTIMES = List.of("docker", "podman");

	/**
	 * Find the container that publishes a host port.
	 * @param port the host port
	 * @param timeout how long each runtime may take to answer
	 * @return the container, or {@code null}
	 */
	@Nullable ContainerInfo find(int port, Duration timeout) {
		for (String runtime : RUNTIMES) {
			if (!CommandRunner.isAvailable(runtime)) {
				continue;
			}
			String output = CommandRunner.run(List.of(runtime, "ps", "--filter", "publish=" + port, "--format",
					"{{.ID}}\t{{.Names}}\t{{.Image}}"), timeout);
			ContainerInfo container = parse(runtime, output);
			if (container != null) {
				return container;
			}
		}
		return null;
	}

	static @Nullable ContainerInfo parse(String runtime, @Nullable String output) {
		if (output == null) {
			return null;
		}
		for (String line : output.split("\\R")) {
			String[] fields = line.split("\t");
			if (fields.length >= 3 && !fields[0].isBlank()) {
				return new ContainerInfo(runtime, fields[0].trim(), fields[1].trim(), fields[2].trim());
			}
		}
		return null;
	}

}
