package dev.portguard.registry;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * One running instance of an application, as it registered itself.
 *
 * @param application the application's name ({@code spring.application.name})
 * @param id the instance id, unique per start
 * @param pid the process id
 * @param processStart when the process started, to tell it from a later process that reuses the pid
 * @param host the host name
 * @param user the operating system user the process runs as
 * @param ports every managed port actually bound, by name ({@code server}, {@code management}, custom names)
 * @param baseUrl the URL of the main web server, if any, such as {@code http://127.0.0.1:8081}
 * @param startedAt when the instance finished starting
 * @param shutdownUrl the actuator shutdown endpoint, when it is exposed on a loopback address, or {@code null}
 * @param main the application's main class or jar file name, or {@code null} if unknown
 * @param pidNamespace the PID namespace the pid belongs to (Linux), or {@code null}
 */
public record Instance(String application, String id, long pid, Instant processStart, String host, String user,
		Map<String, Integer> ports, @Nullable String baseUrl, Instant startedAt, @Nullable String shutdownUrl,
		@Nullable String main, @Nullable String pidNamespace) {

	private static final int MAX_TEXT = 1024;

	/**
	 * Create a record, copying the ports.
	 * @param application the application's name
	 * @param id the instance id
	 * @param pid the process id
	 * @param processStart when the process started
	 * @param host the host name
	 * @param user the operating system user
	 * @param ports the bound ports by name
	 * @param baseUrl the main web server's URL
	 * @param startedAt when the instance finished starting
	 * @param shutdownUrl the actuator shutdown endpoint on loopback, or {@code null}
	 * @param main the main class or jar file name
	 * @param pidNamespace the PID namespace
	 */
	public Instance {
		ports = Map.copyOf(ports);
	}

	/**
	 * Create a record of an instance of this process' host and PID namespace, without a known main class.
	 * @param application the application's name
	 * @param id the instance id
	 * @param pid the process id
	 * @param processStart when the process started
	 * @param host the host name
	 * @param user the operating system user
	 * @param ports the bound ports by name
	 * @param baseUrl the main web server's URL
	 * @param startedAt when the instance finished starting
	 * @param shutdownUrl the actuator shutdown endpoint on loopback, or {@code null}
	 */
	public Instance(String application, String id, long pid, Instant processStart, String host, String user,
			Map<String, Integer> ports, @Nullable String baseUrl, Instant startedAt, @Nullable String shutdownUrl) {
		this(application, id, pid, processStart, host, user, ports, baseUrl, startedAt, shutdownUrl, null,
				ThisMachine.pidNamespace());
	}

	/**
	 * Return a bound port by name.
	 * @param name the managed port's name, such as {@code server}
	 * @return the port, if bound
	 */
	public OptionalInt port(String name) {
		Integer port = this.ports.get(name);
		return (port != null) ? OptionalInt.of(port) : OptionalInt.empty();
	}

	/**
	 * Return whether this process' process table can judge the instance: it was registered on this host, in this
	 * PID namespace. An entry from another host (a shared home directory) or another namespace (a container) is
	 * neither pruned nor trusted by pid.
	 * @return whether the pid means a process here
	 */
	public boolean isLocal() {
		return this.host.equals(ThisMachine.host())
				&& (this.pidNamespace == null || Objects.equals(this.pidNamespace, ThisMachine.pidNamespace()));
	}

	/**
	 * Return whether the process still runs: its pid exists and started when the instance's process did.
	 * @return whether it is alive
	 */
	public boolean isAlive() {
		Optional<ProcessHandle> process = ProcessHandle.of(this.pid);
		if (process.isEmpty() || !process.get().isAlive()) {
			return false;
		}
		Optional<Instant> start = process.get().info().startInstant();
		// Start instants read at different times may differ by rounding; a reused pid starts much later.
		return start.isEmpty() || Math.abs(start.get().toEpochMilli() - this.processStart.toEpochMilli()) < 1000;
	}

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("application", this.application);
		map.put("id", this.id);
		map.put("pid", this.pid);
		map.put("processStart", this.processStart.toString());
		map.put("host", this.host);
		map.put("user", this.user);
		map.put("ports", new LinkedHashMap<>(this.ports));
		if (this.baseUrl != null) {
			map.put("baseUrl", this.baseUrl);
		}
		map.put("startedAt", this.startedAt.toString());
		if (this.shutdownUrl != null) {
			map.put("shutdownUrl", this.shutdownUrl);
		}
		if (this.main != null) {
			map.put("main", this.main);
		}
		if (this.pidNamespace != null) {
			map.put("pidNamespace", this.pidNamespace);
		}
		map.put("format", "portguard-instance/1");
		return map;
	}

	/**
	 * Read an instance from its file's JSON, checking every field: text of bounded length, a positive pid, ports
	 * from 1 to 65535, URLs that parse with an {@code http} or {@code https} scheme, a host and a port.
	 * @param map the parsed JSON
	 * @return the instance
	 * @throws IllegalArgumentException if a field is missing or not valid, saying which
	 */
	static Instance fromMap(Map<String, Object> map) {
		if (!"portguard-instance/1".equals(map.get("format"))) {
			throw new IllegalArgumentException("not a portguard instance file");
		}
		Map<String, Integer> ports = ports(map.get("ports"));
		if (!(map.get("pid") instanceof Long pid) || pid <= 0) {
			throw new IllegalArgumentException("no valid pid");
		}
		try {
			return new Instance(text(map, "application"), text(map, "id"), pid,
					Instant.parse(text(map, "processStart")), text(map, "host"), text(map, "user"), ports,
					url(map, "baseUrl"), Instant.parse(text(map, "startedAt")), url(map, "shutdownUrl"),
					optionalText(map, "main"), optionalText(map, "pidNamespace"));
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new IllegalArgumentException("a time that does not parse", ex);
		}
	}

	static Map<String, Integer> ports(@Nullable Object raw) {
		if (!(raw instanceof Map<?, ?> portMap) || portMap.size() > 64) {
			throw new IllegalArgumentException("no valid ports");
		}
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : portMap.entrySet()) {
			if (!(entry.getValue() instanceof Long port) || port < 1 || port > 65535
					|| String.valueOf(entry.getKey()).length() > 100) {
				throw new IllegalArgumentException("a port that is not between 1 and 65535: " + entry.getKey());
			}
			ports.put(String.valueOf(entry.getKey()), port.intValue());
		}
		return ports;
	}

	private static @Nullable String url(Map<String, Object> map, String key) {
		String text = optionalText(map, key);
		if (text == null) {
			return null;
		}
		try {
			URI uri = new URI(text);
			String scheme = uri.getScheme();
			if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || uri.getPort() < 1
					|| uri.getPort() > 65535) {
				throw new IllegalArgumentException(key + " is not an http URL with a host and a port");
			}
			return text;
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalArgumentException(key + " is not a URL", ex);
		}
	}

	private static String text(Map<String, Object> map, String key) {
		String text = optionalText(map, key);
		if (text == null) {
			throw new IllegalArgumentException("no " + key);
		}
		return text;
	}

	private static @Nullable String optionalText(Map<String, Object> map, String key) {
		Object value = map.get(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text) || text.length() > MAX_TEXT) {
			throw new IllegalArgumentException(key + " is not a text of at most " + MAX_TEXT + " characters");
		}
		return text;
	}

}
