package dev.portguard.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Port metrics: a gauge {@code portguard.port} per managed port (the port it uses, tagged {@code name} and
 * {@code status}), and a counter {@code portguard.fallbacks} of the ports that moved at start-up. Registries bind
 * before the web servers do, so once the application is ready the gauges of ports moved by the bind-time retry are
 * registered again with their final status.
 */
public class PortsMeterBinder implements MeterBinder, ApplicationListener<ApplicationReadyEvent> {

	private final ManagedPorts ports;

	private final PortsReport report;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Map<MeterRegistry, Map<String, Meter.Id>> gauges = new ConcurrentHashMap<>();

	/**
	 * Create the binder.
	 * @param ports the managed ports
	 * @param report builds the report
	 */
	public PortsMeterBinder(ManagedPorts ports, PortsReport report) {
		this.ports = ports;
		this.report = report;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		register(registry);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		for (MeterRegistry registry : this.registries) {
			register(registry);
		}
	}

	private synchronized void register(MeterRegistry registry) {
		Map<String, Meter.Id> known = this.gauges.computeIfAbsent(registry, (key) -> new ConcurrentHashMap<>());
		int moved = 0;
		for (Resolution resolution : this.ports.report().resolutions()) {
			String name = resolution.name();
			String status = resolution.status().name().toLowerCase(Locale.ROOT);
			Meter.Id existing = known.get(name);
			if (existing != null && status.equals(existing.getTag("status"))) {
				continue;
			}
			if (existing != null) {
				registry.remove(existing);
			}
			known.put(name, Gauge.builder("portguard.port", () -> actual(name))
				.description("The port a managed port uses")
				.tag("name", name)
				.tag("status", status)
				.register(registry)
				.getId());
			moved += resolution.isMoved() ? 1 : 0;
		}
		Counter.builder("portguard.fallbacks")
			.description("Managed ports that moved to a fallback port at start-up")
			.register(registry)
			.increment(moved);
	}

	private double actual(String name) {
		int port = this.report.currentPort(name);
		return (port != -1) ? port : Double.NaN;
	}

}
