package dev.portguard.actuate;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code ports} endpoint: every managed port (requested, actual, why, who held the preferred one), the policy
 * in force, and the host's listening ports. Process details follow {@code show-details}.
 */
@Endpoint(id = "ports")
public class PortsEndpoint {

	private final PortsReport report;

	private final Show showDetails;

	private final Set<String> roles;

	/**
	 * Create the endpoint.
	 * @param report builds the report
	 * @param showDetails when process details are shown
	 * @param roles the roles that may see them under {@link Show#WHEN_AUTHORIZED}
	 */
	public PortsEndpoint(PortsReport report, Show showDetails, Set<String> roles) {
		this.report = report;
		this.showDetails = showDetails;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Report every managed port. Over HTTP, {@link PortsEndpointWebExtension} answers instead (same request
	 * predicate, so the same media types), adding the HTML dashboard.
	 * @param securityContext the caller
	 * @return the report
	 */
	@ReadOperation(producesFrom = PortsFormat.class)
	public PortsDescriptor ports(SecurityContext securityContext) {
		return this.report.describe(isShown(securityContext));
	}

	/**
	 * Report one managed port.
	 * @param name the managed port's name
	 * @param securityContext the caller
	 * @return the port, or {@code null} (404) if no managed port has that name
	 */
	@ReadOperation
	public PortsDescriptor.@Nullable Port port(@Selector String name, SecurityContext securityContext) {
		return this.report.describe(isShown(securityContext))
			.ports()
			.stream()
			.filter((port) -> port.name().equals(name))
			.findFirst()
			.orElse(null);
	}

	boolean isShown(SecurityContext securityContext) {
		return this.showDetails.isShown(securityContext, this.roles);
	}

}
