package dev.portguard.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code ports} health contribution: UP when every managed port that should be bound is bound, with details
 * saying which ports fell back and why; DOWN only when a managed port is not bound. A fallback alone is not DOWN:
 * the service works. Process details are never part of it.
 */
public class PortsHealthIndicator extends AbstractHealthIndicator {

	private final PortsReport report;

	/**
	 * Create the indicator.
	 * @param report builds the report
	 */
	public PortsHealthIndicator(PortsReport report) {
		super("Ports health check failed");
		this.report = report;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean down = false;
		Map<String, Object> details = new LinkedHashMap<>();
		for (PortsDescriptor.Port port : this.report.describe(false).ports()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("requested", port.requested());
			detail.put("actual", port.actual());
			detail.put("status", port.status());
			if (!port.status().equals("preferred")) {
				detail.put("reason", port.reason());
			}
			details.put(port.name(), detail);
			down |= port.status().equals("not-bound");
		}
		(down ? builder.down() : builder.up()).withDetails(details);
	}

}
