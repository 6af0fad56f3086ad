package dev.portguard.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * The directory where running application instances register themselves, one JSON file each, and the discovery
 * client that finds them: for a command-line tool that talks to its server, a test harness, or a developer's
 * script. Needs no Spring.
 *
 * <pre class="code">
 * InstanceRegistry registry = InstanceRegistry.atDefaultDirectory();
 * Instance server = registry.awaitInstance("portguard-sample-app", Duration.ofSeconds(30));
 * URI base = URI.create(server.baseUrl());
 * </pre>
 */
public final class InstanceRegistry {

	private static final String SUFFIX = ".json";

	private static final String LAST_PORTS = ".last-ports";

	private final Path directory;

	private InstanceRegistry(Path directory) {
		this.directory = directory;
	}

	/**
	 * Return the registry in a directory.
	 * @param directory the directory
	 * @return the registry
	 */
	public static InstanceRegistry at(Path directory) {
		return new InstanceRegistry(directory);
	}

	/**
	 * Return the registry in the default directory: {@code ~/.portguard/instances}, or
	 * {@code <java.io.tmpdir>/portguard-<user>/instances} when the home directory is not writable.
	 * @return the registry
	 */
	public static InstanceRegistry atDefaultDirectory() {
		return new InstanceRegistry(defaultDirectory());
	}

	/**
	 * Return the default registry directory.
	 * @return the directory
	 */
	public static Path defaultDirectory() {
		String home = System.getProperty("user.home");
		if (home != null && !home.isBlank() && Files.isWritable(Path.of(home))) {
			return Path.of(home, ".portguard", "instances");
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "portguard-" + System.getProperty("user.name"),
				"instances");
	}

	/**
	 * Return the registry's directory.
	 * @return the directory
	 */
	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Return the live instances of an application, most recently started first. Files of instances whose process
	 * is gone (or whose pid now belongs to another process) are deleted; corrupt or foreign files are skipped and
	 * left alone.
	 * @param application the application's name
	 * @return the instances
	 */
	public List<Instance> instances(String application) {
		return instances().stream().filter((instance) -> instance.application().equals(application)).toList();
	}

	/**
	 * Return every live instance, most recently started first, pruning stale files.
	 * @return the instances
	 */
	public List<Instance> instances() {
		List<Instance> instances = new ArrayList<>();
		if (!Files.isDirectory(this.directory)) {
			return instances;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, "*" + SUFFIX)) {
			for (Path file : files) {
				if (file.getFileName().toString().endsWith(LAST_PORTS + SUFFIX)) {
					continue;
				}
				Instance instance = read(file);
				if (instance == null) {
					continue;
				}
				if (instance.isAlive()) {
					instances.add(instance);
				}
				else {
					Files.deleteIfExists(file);
				}
			}
		}
		catch (IOException ex) {
			return instances;
		}
		instances.sort(Comparator.comparing(Instance::startedAt).reversed());
		return instances;
	}

	/**
	 * Return the most recently started live instance of an application.
	 * @param application the application's name
	 * @return the instance, if one runs
	 */
	public Optional<Instance> find(String application) {
		return instances(application).stream().findFirst();
	}

	/**
	 * Wait until an instance of an application is registered and its main port accepts connections.
	 * @param application the application's name
	 * @param timeout how long to wait
	 * @return the instance
	 * @throws TimeoutException if none is up in time
	 * @throws InterruptedException if the wait is interrupted
	 */
	public Instance awaitInstance(String application, Duration timeout) throws TimeoutException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (Instance instance : instances(application)) {
				if (accepts(instance)) {
					return instance;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("No instance of '" + application + "' came up in " + timeout + " in "
						+ this.directory);
			}
			Thread.sleep(100);
		}
	}

	private static boolean accepts(Instance instance) {
		String host = "127.0.0.1";
		Integer port = instance.ports().get("server");
		if (instance.baseUrl() != null) {
			URI uri = URI.create(instance.baseUrl());
			host = uri.getHost();
			port = uri.getPort();
		}
		if (port == null) {
			port = instance.ports().values().stream().findFirst().orElse(null);
		}
		if (port == null) {
			return true;
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Register an instance: its file is written to a temporary name and renamed, so readers never see half a
	 * file.
	 * @param instance the instance
	 * @return the file
	 * @throws IOException if the directory is not writable
	 */
	public Path register(Instance instance) throws IOException {
		return write(fileOf(instance), Json.write(instance.toMap()));
	}

	/**
	 * Remove an instance's file.
	 * @param instance the instance
	 */
	public void deregister(Instance instance) {
		try {
			Files.deleteIfExists(fileOf(instance));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the ports an application bound the last time it started, by name, for sticky ports.
	 * @param application the application's name
	 * @return the ports, empty if unknown
	 */
	public Map<String, Integer> lastPorts(String application) {
		Path file = this.directory.resolve(safe(application) + LAST_PORTS + SUFFIX);
		try {
			Map<String, Object> map = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
			Map<String, Integer> ports = new LinkedHashMap<>();
			if (map.get("ports") instanceof Map<?, ?> portMap) {
				portMap.forEach((name, port) -> ports.put(String.valueOf(name), Math.toIntExact((Long) port)));
			}
			return ports;
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
	}

	/**
	 * Remember the ports an application bound, for its next start.
	 * @param application the application's name
	 * @param ports the ports by name
	 * @throws IOException if the directory is not writable
	 */
	public void rememberPorts(String application, Map<String, Integer> ports) throws IOException {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("application", application);
		map.put("ports", new LinkedHashMap<>(ports));
		map.put("format", "portguard-last-ports/1");
		write(this.directory.resolve(safe(application) + LAST_PORTS + SUFFIX), Json.write(map));
	}

	private Path write(Path file, String content) throws IOException {
		Files.createDirectories(this.directory);
		Path temporary = Files.createTempFile(this.directory, ".portguard-", ".tmp");
		try {
			Files.writeString(temporary, content, StandardCharsets.UTF_8);
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
			return file;
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private Path fileOf(Instance instance) {
		return this.directory.resolve(safe(instance.application()) + "--" + safe(instance.id()) + SUFFIX);
	}

	private static @Nullable Instance read(Path file) {
		try {
			return Instance.fromMap(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static String safe(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}

}
