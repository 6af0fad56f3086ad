package dev.portguard.holder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Asks the container runtimes on this machine which container publishes a host port. Every runtime is asked the
 * same question, one that Docker, Podman and nerdctl all answer: the running containers with their published ports
 * ({@code ps --format} with {@code {{.Ports}}}); the host port is then matched here. Podman rejects
 * {@code --filter publish=}, and Docker before 20.10 matched it against the container's port.
 */
class ContainerLookup {

	private static final String FORMAT = "{{.ID}}\t{{.Names}}\t{{.Image}}\t{{.Ports}}";

	/**
	 * Find the container that publishes a host port.
	 * @param port the host port
	 * @param runtimes the runtimes to ask, in order
	 * @param timeout how long the runtimes may take to answer in all
	 * @return the container, or {@code null}
	 */
	@Nullable ContainerInfo find(int port, List<String> runtimes, Duration timeout) {
		return find(port, runtimes, timeout, new ArrayList<>());
	}

	/**
	 * Find the container that publishes a host port.
	 * @param port the host port
	 * @param runtimes the runtimes to ask, in order
	 * @param timeout how long the runtimes may take to answer in all
	 * @param failures receives why a runtime gave no answer, for people
	 * @return the container, or {@code null}
	 */
	@Nullable ContainerInfo find(int port, List<String> runtimes, Duration timeout, List<String> failures) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (String runtime : runtimes) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			if (!CommandRunner.isAvailable(runtime)) {
				continue;
			}
			CommandRunner.Result result = CommandRunner.run(command(runtime), Duration.ofNanos(left));
			if (!result.succeeded()) {
				failures.add(result.failure());
			}
			else {
				ContainerInfo container = parse(runtime, result.output(), port);
				if (container != null) {
					return container;
				}
			}
		}
		return null;
	}

	static List<String> command(String runtime) {
		return List.of(runtime, "ps", "--format", FORMAT);
	}

	/**
	 * Find the container that publishes a host port in the output of {@code ps --format} with
	 * {@value #FORMAT}.
	 * @param runtime the runtime that printed it
	 * @param output what it printed
	 * @param port the host port
	 * @return the container, or {@code null}
	 */
	static @Nullable ContainerInfo parse(String runtime, String output, int port) {
		for (String line : output.split("\\R")) {
			String[] fields = line.split("\t");
			if (fields.length >= 4 && !fields[0].isBlank() && publishes(fields[3], port)) {
				return new ContainerInfo(runtime, fields[0].trim(), fields[1].trim(), fields[2].trim());
			}
		}
		return null;
	}

	/**
	 * Return whether a container's published ports, as {@code docker ps} and {@code podman ps} print them, include
	 * a TCP host port: {@code 0.0.0.0:8080->80/tcp, :::8080->80/tcp}, {@code [::]:8080->80/tcp},
	 * {@code 127.0.0.1:8000-8001->8000-8001/tcp}; a port without {@code ->} is not published.
	 * @param ports the ports column
	 * @param port the host port
	 * @return whether the container publishes it
	 */
	static boolean publishes(String ports, int port) {
		for (String mapping : ports.split(",")) {
			String entry = mapping.trim();
			int arrow = entry.indexOf("->");
			if (arrow < 0 || !entry.toLowerCase(Locale.ROOT).endsWith("/tcp")) {
				continue;
			}
			String host = entry.substring(0, arrow);
			String hostPorts = host.substring(host.lastIndexOf(':') + 1);
			int dash = hostPorts.indexOf('-');
			try {
				int first = Integer.parseInt((dash < 0) ? hostPorts : hostPorts.substring(0, dash));
				int last = (dash < 0) ? first : Integer.parseInt(hostPorts.substring(dash + 1));
				if (port >= first && port <= last) {
					return true;
				}
			}
			catch (NumberFormatException ex) {
				// Not a port mapping this parser knows; the next one may be.
			}
		}
		return false;
	}

}
