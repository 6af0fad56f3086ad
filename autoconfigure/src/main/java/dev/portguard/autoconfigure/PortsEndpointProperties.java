package dev.portguard.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code ports} endpoint.
 */
@ConfigurationProperties("management.endpoint.ports")
public class PortsEndpointProperties {

	/**
	 * When to show process details (PIDs, process names, paths, command lines, users). Without them the response
	 * still says that a port is held, not by whom.
	 */
	private Show showDetails = Show.NEVER;

	/**
	 * Roles used to determine whether a user is authorized to be shown details. When empty, all authenticated
	 * users are authorized.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	/**
	 * Host names or addresses, besides this machine's own (localhost, loopback addresses, its host name and the
	 * addresses of its network interfaces), that requests may name in their Host header when process details may
	 * be shown; '*' allows any. Other requests are refused with 421, which keeps a page that rebinds its domain
	 * name to this machine (DNS rebinding) from reading the endpoint and dashboard.
	 */
	private List<String> allowedHosts = new ArrayList<>();

	/**
	 * Live view settings.
	 */
	private final LiveView liveView = new LiveView();

	/**
	 * Dashboard settings.
	 */
	private final Dashboard dashboard = new Dashboard();

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	public void setAllowedHosts(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts;
	}

	public LiveView getLiveView() {
		return this.liveView;
	}

	public Dashboard getDashboard() {
		return this.dashboard;
	}

	/**
	 * The host's listening ports and the holders of requested ports, looked up for the endpoint and health.
	 */
	public static class LiveView {

		/**
		 * How long one look at the host's sockets and processes is reused before the next request looks again.
		 */
		private Duration timeToLive = Duration.ofSeconds(5);

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

	}

	/**
	 * The HTML dashboard served to browsers.
	 */
	public static class Dashboard {

		/**
		 * How often the dashboard reloads itself.
		 */
		private Duration refresh = Duration.ofSeconds(5);

		public Duration getRefresh() {
			return this.refresh;
		}

		public void setRefresh(Duration refresh) {
			this.refresh = refresh;
		}

	}

}
