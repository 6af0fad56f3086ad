package dev.portguard.actuate;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What the {@code ports} endpoint's HTTP responses need that an endpoint operation cannot give: security headers on
 * every response (the dashboard's content security policy, no framing, no sniffing, no referrer, no caching), and,
 * where the endpoint may show process details, a refusal of requests whose {@code Host} header does not name this
 * machine or an allowed host. {@link PortsServletFilter} and {@link PortsWebFilter} apply it.
 */
public final class PortsRequestGuard {

	/**
	 * The status of a refused request: 421 Misdirected Request, "not able to produce a response for the
	 * combination of scheme and authority" (RFC 9110).
	 */
	public static final int MISDIRECTED_REQUEST = 421;

	static final String REFUSAL = "Misdirected request: the Host header names neither this machine nor an allowed "
			+ "host, and the ports endpoint shows process details only to requests addressed to this machine "
			+ "(management.endpoint.ports.allowed-hosts).\n";

	private static final Map<String, String> HEADERS;

	static {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Security-Policy", PortsDashboard.CONTENT_SECURITY_POLICY);
		headers.put("X-Frame-Options", "DENY");
		headers.put("X-Content-Type-Options", "nosniff");
		headers.put("Referrer-Policy", "no-referrer");
		headers.put("Cache-Control", "no-store");
		HEADERS = Map.copyOf(headers);
	}

	private final @Nullable PathPattern endpoint;

	private final boolean checkHost;

	private final HostCheck hosts;

	/**
	 * Create a guard.
	 * @param endpointPath the endpoint's path within the application, such as {@code /actuator/ports}, or
	 * {@code null} if it is not exposed over HTTP
	 * @param mayShowDetails whether the endpoint may show process details to any caller
	 * @param allowedHosts host names or addresses accepted besides this machine's, {@code *} for any
	 * @throws IllegalArgumentException if an allowed host is not a host name or address
	 */
	public PortsRequestGuard(@Nullable String endpointPath, boolean mayShowDetails, Collection<String> allowedHosts) {
		this.endpoint = (endpointPath != null) ? PathPatternParser.defaultInstance
			.parse((endpointPath.endsWith("/") ? endpointPath : endpointPath + "/") + "**") : null;
		this.checkHost = mayShowDetails;
		try {
			this.hosts = new HostCheck(allowedHosts);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("management.endpoint.ports.allowed-hosts: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return whether a request is one to the endpoint: its path or one below it.
	 * @param pathWithinApplication the request's path without the context path
	 * @return whether this guard applies
	 */
	public boolean appliesTo(PathContainer pathWithinApplication) {
		return this.endpoint != null && this.endpoint.matches(pathWithinApplication);
	}

	/**
	 * Return the headers every response of the endpoint carries.
	 * @return the header names and values
	 */
	public Map<String, String> headers() {
		return HEADERS;
	}

	/**
	 * Return why a request is refused, for the body of a {@link #MISDIRECTED_REQUEST} response.
	 * @param hostHeader the request's {@code Host} header, or {@code null} if it has none
	 * @return the reason as plain text, or {@code null} if the request is answered
	 */
	public @Nullable String refusal(@Nullable String hostHeader) {
		return (this.checkHost && !this.hosts.allows(hostHeader)) ? REFUSAL : null;
	}

}
