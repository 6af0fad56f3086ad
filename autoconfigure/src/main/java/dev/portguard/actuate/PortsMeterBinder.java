package dev.portguard.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;

/**
 * Port metrics: a gauge {@code portguard.port} per managed port (the port it uses, tagged {@code name} and
 * {@code status}), and a counter {@code portguard.fallbacks} of the ports that moved at start-up.
 */
public class PortsMeterBinder implements MeterBinder {

	private final ManagedPorts ports;

	private final PortsReport report;

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
		int moved = 0;
		for (Resolution resolution : this.ports.report().resolutions()) {
			String name = resolution.name();
			Gauge.builder("portguard.port", () -> actual(name))
				.description("The port a managed port uses")
				.tag("name", name)
				.tag("status", resolution.status().name().toLowerCase(java.util.Locale.ROOT))
				.register(registry);
			moved += resolution.isMoved() ? 1 : 0;
		}
		Counter.builder("portguard.fallbacks")
			.description("Managed ports that moved to a fallback port at start-up")
			.register(registry)
			.increment(moved);
	}

	private double actual(String name) {
		Resolution resolution = this.ports.find(name).orElse(null);
		if (resolution == null) {
			return Double.NaN;
		}
		return this.report.describe(false)
			.ports()
			.stream()
			.filter((port) -> port.name().equals(name) && port.actual() != null)
			.mapToDouble(PortsDescriptor.Port::actual)
			.findFirst()
			.orElse(resolution.resolved());
	}

}
