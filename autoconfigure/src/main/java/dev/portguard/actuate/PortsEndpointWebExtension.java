package dev.portguard.actuate;

import java.time.Duration;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The web side of the {@code ports} endpoint: JSON for machines, and for a browser ({@code Accept: text/html}) a
 * self-contained HTML dashboard that refreshes itself.
 */
@EndpointWebExtension(endpoint = PortsEndpoint.class)
public class PortsEndpointWebExtension {

	private final PortsEndpoint endpoint;

	private final PortsReport report;

	private final Duration refresh;

	/**
	 * Create the extension.
	 * @param endpoint the endpoint
	 * @param report builds the report
	 * @param refresh how often the dashboard reloads itself
	 */
	public PortsEndpointWebExtension(PortsEndpoint endpoint, PortsReport report, Duration refresh) {
		this.endpoint = endpoint;
		this.report = report;
		this.refresh = refresh;
	}

	/**
	 * Report every managed port, as JSON or as the HTML dashboard.
	 * @param format the negotiated format
	 * @param securityContext the caller
	 * @return the response
	 */
	@ReadOperation(producesFrom = PortsFormat.class)
	public WebEndpointResponse<Object> ports(PortsFormat format, SecurityContext securityContext) {
		PortsDescriptor descriptor = this.report.describe(this.endpoint.isShown(securityContext));
		if (format == PortsFormat.HTML) {
			return new WebEndpointResponse<>(PortsDashboard.render(descriptor, this.refresh), format);
		}
		return new WebEndpointResponse<>(descriptor, format);
	}

}
