package dev.portguard.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.portguard.actuate.BoundPorts;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;
import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;
import dev.portguard.registry.ThisMachine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Registers this instance in the {@link InstanceRegistry} once the application is ready (every port bound), and
 * removes it when the context closes. A registry that cannot be written costs a warning, never the start-up.
 */
class InstanceRegistration implements SmartApplicationListener, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(InstanceRegistration.class);

	private final InstanceRegistry registry;

	private final ManagedPorts ports;

	private final @Nullable BoundPorts boundPorts;

	private final Environment environment;

	private @Nullable ApplicationContext applicationContext;

	private volatile @Nullable Instance registered;

	InstanceRegistration(InstanceRegistry registry, ManagedPorts ports, @Nullable BoundPorts boundPorts,
			Environment environment) {
		this.registry = registry;
		this.ports = ports;
		this.boundPorts = boundPorts;
		this.environment = environment;
	}

	static InstanceRegistry registry(@Nullable String directory) {
		InstanceRegistry registry = (directory != null && !directory.isBlank()) ? InstanceRegistry.at(Path.of(directory))
				: InstanceRegistry.atDefaultDirectory();
		return registry.withLog(logger::info);
	}

	static String applicationName(Environment environment) {
		return environment.getProperty("spring.application.name", "application");
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.applicationContext) {
			register();
		}
		else if (event instanceof ContextClosedEvent closed
				&& closed.getApplicationContext() == this.applicationContext) {
			deregister();
		}
	}

	private void register() {
		Map<String, Integer> bound = new LinkedHashMap<>();
		for (Resolution resolution : this.ports.report().resolutions()) {
			Integer port = (this.boundPorts != null) ? this.boundPorts.get(resolution.name()) : null;
			if (port == null && resolution.resolved() > 0 && !resolution.name().equals("server")
					&& !resolution.name().equals("management")) {
				port = resolution.resolved();
			}
			if (port != null && port > 0) {
				bound.put(resolution.name(), port);
			}
		}
		ProcessHandle self = ProcessHandle.current();
		String application = applicationName(this.environment);
		Instance instance = new Instance(application, UUID.randomUUID().toString(), self.pid(),
				self.info().startInstant().orElse(Instant.now()), ThisMachine.host(), System.getProperty("user.name"),
				bound, url(bound.get("server"), "server.address", ""), Instant.now(), shutdownUrl(bound),
				ThisMachine.main(), ThisMachine.pidNamespace());
		try {
			this.registry.register(instance);
			this.registry.rememberPorts(application, ThisMachine.main(), bound);
			this.registered = instance;
			logger.debug("Registered " + application + " in " + this.registry.getDirectory() + ": " + bound);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("portguard cannot write its instance registry in " + this.registry.getDirectory() + " ("
					+ ex + "); this instance is not discoverable and sticky ports are not remembered");
		}
	}

	private void deregister() {
		Instance instance = this.registered;
		if (instance != null) {
			this.registered = null;
			try {
				this.registry.deregister(instance);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not remove the registry file of " + instance.id(), ex);
			}
		}
	}

	private @Nullable String shutdownUrl(Map<String, Integer> bound) {
		String exposed = this.environment.getProperty("management.endpoints.web.exposure.include", "");
		boolean shutdown = Arrays.stream(exposed.split(",")).map(String::trim).anyMatch((id) -> id.equals("shutdown")
				|| id.equals("*"));
		if (!shutdown || !"unrestricted".equalsIgnoreCase(
				this.environment.getProperty("management.endpoint.shutdown.access", "").trim())) {
			return null;
		}
		boolean separate = bound.containsKey("management");
		String basePath = this.environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String url = separate ? url(bound.get("management"), "management.server.address", basePath)
				: url(bound.get("server"), "server.address", basePath);
		return (url != null) ? url + "/shutdown" : null;
	}

	private @Nullable String url(@Nullable Integer port, String addressProperty, String path) {
		if (port == null) {
			return null;
		}
		String address = this.environment.getProperty(addressProperty);
		if (address == null || address.isBlank()) {
			address = this.environment.getProperty("server.address");
		}
		String host = "127.0.0.1";
		if (address != null && !address.isBlank()) {
			try {
				InetAddress inet = InetAddress.getByName(address.trim());
				if (!inet.isLoopbackAddress() && !inet.isAnyLocalAddress()) {
					if (path.length() > 0) {
						return null;
					}
					host = inet.getHostAddress().contains(":") ? "[" + inet.getHostAddress() + "]"
							: inet.getHostAddress();
				}
			}
			catch (IOException ex) {
				return null;
			}
		}
		boolean ssl = this.environment.getProperty("server.ssl.enabled", Boolean.class, false);
		return (ssl ? "https" : "http") + "://" + host + ":" + port + path;
	}

}
