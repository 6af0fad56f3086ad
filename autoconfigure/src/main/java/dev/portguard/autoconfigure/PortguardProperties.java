package dev.portguard.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portguard.policy.WhenExhausted;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of portguard. The policy keys at this level apply to every managed port; the same keys
 * under {@code portguard.ports.<name>} override them for one port.
 */
@ConfigurationProperties("portguard")
public class PortguardProperties {

	/**
	 * Whether to move a managed port to the next candidate of its policy when it is taken at start-up. Off, ports
	 * are never changed.
	 */
	private boolean auto;

	/**
	 * Whether to manage ports on a detected cloud platform (Kubernetes, Cloud Foundry, ...), where the port is a
	 * contract with the platform.
	 */
	private boolean cloud;

	/**
	 * Whether to check the managed ports and exit instead of starting the application: prints a table of every
	 * managed port (status, holder, the port portguard would use) and exits with 0, or 1 when a port is taken and
	 * start-up would fail.
	 */
	private boolean check;

	/**
	 * Ports tried, in order, right after the preferred port.
	 */
	private List<Integer> alternatives = new ArrayList<>();

	/**
	 * How many consecutive ports from the preferred one are tried, the preferred one included.
	 */
	private int maxAttempts = 10;

	/**
	 * Range of ports scanned after the consecutive ones, such as 10000-10100.
	 */
	private @Nullable String range;

	/**
	 * What to do once every candidate is taken: fail start-up, or take an ephemeral port from the operating system.
	 */
	private WhenExhausted whenExhausted = WhenExhausted.FAIL;

	/**
	 * Bind-time retry settings.
	 */
	private final Retry retry = new Retry();

	/**
	 * Whether to try the ports this application bound last time before every other candidate, so that a restart
	 * keeps its URLs when they are free. Needs the instance registry.
	 */
	private boolean sticky;

	/**
	 * Instance registry settings.
	 */
	private final Registry registry = new Registry();

	/**
	 * Settings for replacing an earlier instance of this application that holds a preferred port.
	 */
	private final Replace replace = new Replace();

	/**
	 * What failure analyses print.
	 */
	private final Analysis analysis = new Analysis();

	/**
	 * Spring Cloud discovery backed by the instance registry (portguard-spring-cloud).
	 */
	private final Discovery discovery = new Discovery();

	/**
	 * Managed ports by name. "server" (server.port) and "management" (management.server.port) are built in; any
	 * other name manages the port its "property" names.
	 */
	private Map<String, Port> ports = new LinkedHashMap<>();

	public boolean isAuto() {
		return this.auto;
	}

	public void setAuto(boolean auto) {
		this.auto = auto;
	}

	public boolean isCloud() {
		return this.cloud;
	}

	public void setCloud(boolean cloud) {
		this.cloud = cloud;
	}

	public boolean isCheck() {
		return this.check;
	}

	public void setCheck(boolean check) {
		this.check = check;
	}

	public List<Integer> getAlternatives() {
		return this.alternatives;
	}

	public void setAlternatives(List<Integer> alternatives) {
		this.alternatives = alternatives;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public @Nullable String getRange() {
		return this.range;
	}

	public void setRange(@Nullable String range) {
		this.range = range;
	}

	public WhenExhausted getWhenExhausted() {
		return this.whenExhausted;
	}

	public void setWhenExhausted(WhenExhausted whenExhausted) {
		this.whenExhausted = whenExhausted;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public boolean isSticky() {
		return this.sticky;
	}

	public void setSticky(boolean sticky) {
		this.sticky = sticky;
	}

	public Registry getRegistry() {
		return this.registry;
	}

	public Analysis getAnalysis() {
		return this.analysis;
	}

	public Replace getReplace() {
		return this.replace;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Map<String, Port> getPorts() {
		return this.ports;
	}

	public void setPorts(Map<String, Port> ports) {
		this.ports = ports;
	}

	/**
	 * Bind-time retry: when a port chosen at start-up is taken before the server binds it, bind the next candidate.
	 */
	public static class Retry {

		/**
		 * Whether to retry a web server's bind on the next candidate when the chosen port was taken in the
		 * meantime (Tomcat and Reactor Netty). With Tomcat this binds the port when the server is created rather
		 * than when it starts.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The registry of running instances: one JSON file per instance, read by the discovery client.
	 */
	public static class Registry {

		/**
		 * Whether to register this instance (application name, pid, bound ports, base URL) while it runs.
		 */
		private boolean enabled = true;

		/**
		 * Directory of the registry. Unset, ~/.portguard/instances, or the temporary directory when the home
		 * directory is not writable.
		 */
		private @Nullable String directory;

		/**
		 * File to write the bound ports to in Spring Boot's own port-file format (WebServerPortFileWriter), for
		 * tools that expect it.
		 */
		private @Nullable String portFile;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable String directory) {
			this.directory = directory;
		}

		public @Nullable String getPortFile() {
			return this.portFile;
		}

		public void setPortFile(@Nullable String portFile) {
			this.portFile = portFile;
		}

	}

	/**
	 * Replacing an earlier instance of this application that holds a preferred port.
	 */
	/**
	 * What failure analyses print.
	 */
	public static class Analysis {

		/**
		 * Whether failure analyses print the holding process' command line (masked, cut to 4096 characters). Its
		 * pid, name, path and user are always printed; a log often leaves the machine.
		 */
		private boolean showCommandLine;

		public boolean isShowCommandLine() {
			return this.showCommandLine;
		}

		public void setShowCommandLine(boolean showCommandLine) {
			this.showCommandLine = showCommandLine;
		}

	}

	public static class Replace {

		/**
		 * Whether to ask an earlier instance of this application (same spring.application.name, which must be set,
		 * same main class or jar, same user, registered in a registry only this user can write) to shut down when it
		 * holds a preferred port. Any other process is never touched.
		 */
		private boolean enabled;

		/**
		 * How long the shutdown request and the wait for the earlier instance to free the port may take together; at
		 * most 1h.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Spring Cloud discovery backed by the instance registry, used when portguard-spring-cloud is on the class path.
	 * Each live instance becomes a service instance: service id = spring.application.name, host and port of its base
	 * URL (the port the server really bound), secure when the base URL is https, and metadata "pid", "port.<name>"
	 * for every managed port, and "management.port" when a management port is bound.
	 */
	public static class Discovery {

		/**
		 * Whether to offer the instances of the registry to Spring Cloud as a DiscoveryClient.
		 */
		private boolean enabled = true;

		/**
		 * How long a read of the registry is served before the directory is read again; an instance that stops is
		 * dropped at the latest after this time.
		 */
		private Duration cacheTtl = Duration.ofSeconds(1);

		/**
		 * Order of the discovery client among Spring Cloud's DiscoveryClients; lower is asked first. By default
		 * last, so that Eureka, Consul or Kubernetes win where present.
		 */
		private int order = Integer.MAX_VALUE;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			if (cacheTtl.isNegative()) {
				throw new IllegalArgumentException("portguard.discovery.cache-ttl must not be negative: " + cacheTtl);
			}
			this.cacheTtl = cacheTtl;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

	/**
	 * Settings of one managed port; unset policy keys fall back to the global ones.
	 */
	public static class Port {

		/**
		 * Property that carries this port, such as sample.echo.port. Required for every port but the built-in
		 * "server" and "management".
		 */
		private @Nullable String property;

		/**
		 * Port to use when the property itself is unset.
		 */
		private @Nullable Integer defaultPort;

		/**
		 * Address the application binds this port on, probed as such. Unset, every interface is probed, the
		 * strictest check. Ignored for "server" and "management", which follow server.address and
		 * management.server.address.
		 */
		private @Nullable String address;

		/**
		 * Whether the application's own code releases this port's reservation, by calling
		 * ManagedPorts.release(name) right before it binds the port. Otherwise the reservation is released before
		 * any bean is created. Ignored for "server" and "management", which portguard releases itself.
		 */
		private boolean ownerReleases;

		/**
		 * Ports tried, in order, right after the preferred port.
		 */
		private @Nullable List<Integer> alternatives;

		/**
		 * How many consecutive ports from the preferred one are tried, the preferred one included.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Range of ports scanned after the consecutive ones, such as 10000-10100.
		 */
		private @Nullable String range;

		/**
		 * What to do once every candidate is taken.
		 */
		private @Nullable WhenExhausted whenExhausted;

		public @Nullable String getProperty() {
			return this.property;
		}

		public void setProperty(@Nullable String property) {
			this.property = property;
		}

		public @Nullable Integer getDefaultPort() {
			return this.defaultPort;
		}

		public void setDefaultPort(@Nullable Integer defaultPort) {
			this.defaultPort = defaultPort;
		}

		public @Nullable String getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		public boolean isOwnerReleases() {
			return this.ownerReleases;
		}

		public void setOwnerReleases(boolean ownerReleases) {
			this.ownerReleases = ownerReleases;
		}

		public @Nullable List<Integer> getAlternatives() {
			return this.alternatives;
		}

		public void setAlternatives(@Nullable List<Integer> alternatives) {
			this.alternatives = alternatives;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable String getRange() {
			return this.range;
		}

		public void setRange(@Nullable String range) {
			this.range = range;
		}

		public @Nullable WhenExhausted getWhenExhausted() {
			return this.whenExhausted;
		}

		public void setWhenExhausted(@Nullable WhenExhausted whenExhausted) {
			this.whenExhausted = whenExhausted;
		}

	}

}
