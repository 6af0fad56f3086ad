package dev.portguard.cloud;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The live instances of the registry as Spring Cloud service instances, read at most once per time to live.
 */
final class PortguardServiceInstances {

	static final String PID = "pid";

	static final String PORT_PREFIX = "port.";

	static final String MANAGEMENT_PORT = "management.port";

	private static final String LOOPBACK = "127.0.0.1";

	private final InstanceRegistry registry;

	private final long ttlNanos;

	private final LongSupplier nanoTime;

	private final Object lock = new Object();

	private volatile @Nullable Snapshot snapshot;

	PortguardServiceInstances(InstanceRegistry registry, Duration ttl) {
		this(registry, ttl, System::nanoTime);
	}

	PortguardServiceInstances(InstanceRegistry registry, Duration ttl, LongSupplier nanoTime) {
		this.registry = registry;
		this.ttlNanos = ttl.toNanos();
		this.nanoTime = nanoTime;
	}

	InstanceRegistry getRegistry() {
		return this.registry;
	}

	List<ServiceInstance> instances(String serviceId) {
		List<ServiceInstance> instances = snapshot().byService.get(serviceId.toLowerCase(Locale.ROOT));
		return (instances != null) ? instances : List.of();
	}

	List<String> services() {
		return snapshot().services;
	}

	private Snapshot snapshot() {
		Snapshot current = this.snapshot;
		if (current != null && this.nanoTime.getAsLong() - current.readAt < this.ttlNanos) {
			return current;
		}
		// One thread reads the directory when the time to live has passed; the others wait for its result rather
		// than scanning the same directory in parallel.
		synchronized (this.lock) {
			current = this.snapshot;
			long now = this.nanoTime.getAsLong();
			if (current == null || now - current.readAt >= this.ttlNanos) {
				current = read(now);
				this.snapshot = current;
			}
			return current;
		}
	}

	private Snapshot read(long now) {
		Map<String, List<ServiceInstance>> byService = new LinkedHashMap<>();
		Map<String, String> names = new LinkedHashMap<>();
		for (Instance instance : this.registry.instances()) {
			ServiceInstance serviceInstance = serviceInstance(instance);
			if (serviceInstance != null) {
				String key = instance.application().toLowerCase(Locale.ROOT);
				names.putIfAbsent(key, instance.application());
				byService.computeIfAbsent(key, (name) -> new ArrayList<>()).add(serviceInstance);
			}
		}
		byService.replaceAll((name, list) -> Collections.unmodifiableList(list));
		return new Snapshot(now, Map.copyOf(byService), List.copyOf(names.values()));
	}

	/**
	 * Convert an instance, or return {@code null} when it has no web server to call.
	 */
	static @Nullable ServiceInstance serviceInstance(Instance instance) {
		String host = LOOPBACK;
		int port = instance.port("server").orElse(-1);
		boolean secure = false;
		if (instance.baseUrl() != null) {
			try {
				URI base = new URI(instance.baseUrl());
				host = (base.getHost() != null) ? base.getHost() : LOOPBACK;
				port = (base.getPort() > 0) ? base.getPort() : port;
				secure = "https".equalsIgnoreCase(base.getScheme());
			}
			catch (URISyntaxException ex) {
				// The registry checked the URL when it read the file; the server port still tells where to call.
			}
		}
		if (port <= 0) {
			return null;
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put(PID, Long.toString(instance.pid()));
		for (Map.Entry<String, Integer> managed : new TreeMap<>(instance.ports()).entrySet()) {
			metadata.put(PORT_PREFIX + managed.getKey(), managed.getValue().toString());
		}
		instance.port("management").ifPresent((management) -> metadata.put(MANAGEMENT_PORT, Integer.toString(management)));
		return new DefaultServiceInstance(instance.id(), instance.application(), host, port, secure,
				Collections.unmodifiableMap(metadata));
	}

	private record Snapshot(long readAt, Map<String, List<ServiceInstance>> byService, List<String> services) {
	}

}
