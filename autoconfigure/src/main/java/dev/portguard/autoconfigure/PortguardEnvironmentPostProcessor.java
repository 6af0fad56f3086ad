package dev.portguard.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.portguard.diagnostics.PreflightCheck;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.CandidateSource;
import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.PortProbe;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.PortResolver;
import dev.portguard.policy.PortValues;
import dev.portguard.policy.Resolution;
import dev.portguard.policy.ResolutionReport;
import dev.portguard.policy.ResolutionStatus;
import dev.portguard.registry.InstanceRegistry;
import dev.portguard.registry.PreviousInstance;
import dev.portguard.registry.ThisMachine;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Resolves every managed port through portguard's policy right after the configuration files are loaded, before
 * any bean exists, and publishes the chosen ports first in the environment.
 */
class PortguardEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Right after the config data post-processor, so every configuration file is read.
	 */
	static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

	private static final String CLOUD_PLATFORM_PROPERTY = "spring.main.cloud-platform";

	/**
	 * Read by Boot's actuator, and only there, to decide on a separate management server from
	 * {@code management.server.port}; without it Boot never reads that property, so neither does portguard.
	 */
	private static final String MANAGEMENT_PORT_TYPE = "org.springframework.boot.actuate.autoconfigure.web.server."
			+ "ManagementPortType";

	private final Log logger;

	private final PortProbe probe = PortProbe.bind();

	PortguardEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(PortguardEnvironmentPostProcessor.class);
		ResolutionBackgroundPreinitializer.start(this.probe);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		long start = System.nanoTime();
		PortguardProperties properties = PortguardPropertiesReader.read(environment);
		boolean web = application.getWebApplicationType() != WebApplicationType.NONE;
		boolean managementServer = web && ClassUtils.isPresent(MANAGEMENT_PORT_TYPE, application.getClassLoader());
		PortRequests requests;
		try {
			requests = PortRequests.read(properties, environment, web, managementServer);
			PortResolver.checkDistinct(requests.requests());
		}
		catch (InvalidPortConfigurationException ex) {
			throw ex.withOrigin(origin(environment, ex.getProperty()));
		}
		List<PortRequest> managed = prepare(environment, properties, requests.requests());
		if (properties.isCheck()) {
			PreflightCheck.Report report = PreflightCheck.run(managed, properties.isAuto(),
					PortHolderLocator.forThisMachine());
			System.out.print(report.text());
			System.out.flush();
			System.exit(report.exitCode());
		}
		Map<String, Object> published = new LinkedHashMap<>(requests.defaults());
		ManagedPorts ports = resolve(environment, properties, managed, published, managementServer);
		Set<String> ownerReleased = new HashSet<>();
		for (Map.Entry<String, PortguardProperties.Port> port : properties.getPorts().entrySet()) {
			if (port.getValue().isOwnerReleases()) {
				ownerReleased.add(port.getKey());
			}
		}
		PortguardPropertySource source = new PortguardPropertySource(published, ports, ownerReleased);
		ports.onMove(new PortMoveAnnouncer(source));
		PortguardPropertySource.attach(environment, source);
		if (ports.isAuto()) {
			application.addInitializers(new ReservationsInitializer());
		}
		if (this.logger.isDebugEnabled()) {
			ResolutionReport report = ports.report();
			this.logger.debug("Resolved " + report.resolutions().size() + " managed port(s) in "
					+ millis(Duration.ofNanos(System.nanoTime() - start)) + ": " + summary(report));
		}
	}

	/**
	 * Return whether portguard's log lines may name other processes and their pids: under the same rule as the
	 * ports endpoint, only when its {@code show-details} is {@code always} (a log has no caller to authorise).
	 */
	private static boolean showsProcesses(ConfigurableEnvironment environment) {
		String show = environment.getProperty("management.endpoint.ports.show-details");
		return show != null && show.trim().equalsIgnoreCase("always");
	}

	/**
	 * Apply the registry's options: replace an earlier instance that holds a preferred port, and put the ports this
	 * application bound last time first.
	 */
	private List<PortRequest> prepare(ConfigurableEnvironment environment, PortguardProperties properties,
			List<PortRequest> requests) {
		if (!properties.getRegistry().isEnabled() || properties.isCheck()
				|| (!properties.isSticky() && !properties.getReplace().isEnabled())) {
			return requests;
		}
		InstanceRegistry registry = InstanceRegistration.registry(properties.getRegistry().getDirectory());
		String problem = registry.problem();
		if (problem != null) {
			this.logger.warn("portguard does not use its instance registry: " + problem + ". Sticky ports and "
					+ "replacing an earlier instance are off until it is fixed");
			return requests;
		}
		String application = InstanceRegistration.applicationName(environment);
		String main = ThisMachine.main();
		if (properties.getReplace().isEnabled()) {
			PortHolderLocator locator = PortHolderLocator.forThisMachine();
			for (PortRequest request : requests) {
				PreviousInstance.replace(registry, application, main, request, locator,
						properties.getReplace().getTimeout(), showsProcesses(environment), this.logger::warn);
			}
		}
		if (!properties.isSticky() || !properties.isAuto()) {
			return requests;
		}
		Map<String, Integer> last = registry.lastPorts(application, main);
		List<PortRequest> sticky = new ArrayList<>(requests.size());
		for (PortRequest request : requests) {
			Integer port = last.get(request.name());
			sticky.add((port != null && port > 0 && request.isFixed()) ? request.withSticky(port) : request);
		}
		return sticky;
	}

	private ManagedPorts resolve(ConfigurableEnvironment environment, PortguardProperties properties,
			List<PortRequest> requests, Map<String, Object> published, boolean managementServer) {
		if (!properties.isAuto()) {
			return ManagedPorts.fixed(requests, false, "portguard.auto is off: ports are left as configured", null);
		}
		CloudPlatform platform = cloudPlatform(environment);
		if (platform != null && !properties.isCloud()) {
			String note = "Running on " + platform.name().toLowerCase(Locale.ROOT).replace('_', ' ')
					+ ": its ports are a contract with the platform, so portguard leaves them as configured"
					+ " (set portguard.cloud=true to manage them anyway)";
			this.logger.info(note);
			return ManagedPorts.fixed(requests, true, note, note);
		}
		ManagedPorts ports = ManagedPorts.resolve(requests, this.probe);
		List<Resolution> resolutions = ports.report().resolutions();
		for (Resolution resolution : resolutions) {
			if (resolution.status() == ResolutionStatus.PREFERRED || resolution.isMoved()) {
				published.put(resolution.property(), resolution.resolved());
			}
			if (resolution.isMoved()) {
				boolean sticky = resolution.candidates().get(resolution.candidates().size() - 1)
					.source() == CandidateSource.STICKY;
				if (sticky) {
					this.logger.info(resolution.describeMove());
				}
				else {
					this.logger.warn(resolution.describeMove());
				}
			}
		}
		if (managementServer) {
			keepManagementOnServerPort(environment, resolutions, published);
		}
		return ports;
	}

	/**
	 * Return the cloud platform Boot detects, or {@code null} when there is none. The same answer as
	 * {@link CloudPlatform#getActive}, which reads {@code spring.main.cloud-platform} once per platform; this runs on
	 * every start-up, so it reads it once. {@code spring.main.cloud-platform=none} means no platform.
	 */
	private static @Nullable CloudPlatform cloudPlatform(ConfigurableEnvironment environment) {
		if (environment.getProperty(CLOUD_PLATFORM_PROPERTY) != null) {
			CloudPlatform enforced = CloudPlatform.getActive(environment);
			return (enforced != CloudPlatform.NONE) ? enforced : null;
		}
		for (CloudPlatform platform : CloudPlatform.values()) {
			if (platform != CloudPlatform.NONE && platform.isDetected(environment)) {
				return platform;
			}
		}
		return null;
	}

	/**
	 * A management port equal to the server port means "same server" to Boot; when the server moves, the
	 * management port moves with it so that it keeps meaning that.
	 */
	private static void keepManagementOnServerPort(ConfigurableEnvironment environment, List<Resolution> resolutions,
			Map<String, Object> published) {
		BootPropertyReader boot = new BootPropertyReader(environment);
		String management = boot.text(PortRequests.MANAGEMENT_PORT, PortValues.CONVERTED_PORT_FORM);
		if (BootPropertyReader.isUnset(management)) {
			return;
		}
		for (Resolution resolution : resolutions) {
			if (resolution.name().equals(PortRequests.SERVER) && resolution.isMoved()
					&& boot.port(PortRequests.MANAGEMENT_PORT, management) == resolution.requested()) {
				published.put(PortRequests.MANAGEMENT_PORT, resolution.resolved());
			}
		}
	}

	private static @Nullable String origin(ConfigurableEnvironment environment, String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
		if (name == null) {
			return null;
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty configurationProperty = source.getConfigurationProperty(name);
			if (configurationProperty != null) {
				return originText(configurationProperty);
			}
		}
		return null;
	}

	private static @Nullable String originText(ConfigurationProperty property) {
		return (property.getOrigin() != null) ? property.getOrigin().toString() : null;
	}

	private static String summary(ResolutionReport report) {
		StringBuilder text = new StringBuilder();
		for (Resolution resolution : report.resolutions()) {
			text.append((text.length() > 0) ? ", " : "")
				.append(resolution.property())
				.append('=')
				.append(resolution.resolved())
				.append(" (")
				.append(resolution.status().name().toLowerCase(Locale.ROOT))
				.append(", ")
				.append(millis(resolution.elapsed()))
				.append(')');
		}
		return text.toString();
	}

	private static String millis(Duration duration) {
		return String.format(Locale.ROOT, "%.3f ms", duration.toNanos() / 1_000_000.0);
	}

}
