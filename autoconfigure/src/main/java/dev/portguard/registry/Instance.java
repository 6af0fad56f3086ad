package dev.portguard.registry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
 */
public record Instance(String application, String id, long pid, Instant processStart, String host, String user,
		Map<String, Integer> ports, @Nullable String baseUrl, Instant startedAt, @Nullable String shutdownUrl) {

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
	 */
	public Instance {
		ports = Map.copyOf(ports);
	}

	/**
	 * Return one bound port.
	 * @param name the managed port's name
	 * @return the port, if this instance bound it
	 */
	public OptionalInt port(String name) {
		Integer port = this.ports.get(name);
		return (port != null) ? OptionalInt.of(port) : OptionalInt.empty();
	}

	/**
	 * Return whether the process that registered this instance is still the one running under its pid.
	 * @return whether the instance is alive
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
		map.put("format", "portguard-instance/1");
		return map;
	}

	static Instance fromMap(Map<String, Object> map) {
		if (!"portguard-instance/1".equals(map.get("format"))) {
			throw new IllegalArgumentException("Not a portguard instance file");
		}
		Map<String, Integer> ports = new LinkedHashMap<>();
		Object rawPorts = map.get("ports");
		if (!(rawPorts instanceof Map<?, ?> portMap)) {
			throw new IllegalArgumentException("No ports");
		}
		portMap.forEach((name, port) -> ports.put(String.valueOf(name), Math.toIntExact((Long) port)));
		return new Instance(text(map, "application"), text(map, "id"), (Long) map.get("pid"),
				Instant.parse(text(map, "processStart")), text(map, "host"), text(map, "user"), ports,
				(String) map.get("baseUrl"), Instant.parse(text(map, "startedAt")), (String) map.get("shutdownUrl"));
	}

	private static String text(Map<String, Object> map, String key) {
		Object value = map.get(key);
		if (!(value instanceof String text)) {
			throw new IllegalArgumentException("No " + key);
		}
		return text;
	}

}
