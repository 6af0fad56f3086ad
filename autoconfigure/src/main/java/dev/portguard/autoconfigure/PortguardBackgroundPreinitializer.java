package dev.portguard.autoconfigure;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Loads the classes of portguard's beans in Boot's background pre-initialization thread, while the main thread
 * parses the configuration classes, so that creating the beans later finds them loaded.
 */
final class PortguardBackgroundPreinitializer implements BackgroundPreinitializer {

	/**
	 * The classes the auto-configurations instantiate or introspect on a typical start-up. Some need optional
	 * dependencies (actuator, health, Micrometer, Tomcat); those that cannot load here are skipped.
	 */
	static final String[] CLASSES = { "dev.portguard.autoconfigure.PortguardProperties",
			"dev.portguard.autoconfigure.InstanceRegistration", "dev.portguard.registry.InstanceRegistry",
			"dev.portguard.registry.Instance", "dev.portguard.registry.Json", "dev.portguard.actuate.BoundPorts",
			"dev.portguard.autoconfigure.PortguardTomcatServletWebServerFactory",
			"dev.portguard.autoconfigure.BindRetry", "dev.portguard.autoconfigure.PortsEndpointProperties",
			"dev.portguard.actuate.LiveView", "dev.portguard.actuate.PortsReport",
			"dev.portguard.actuate.PortsDescriptor", "dev.portguard.actuate.PortsEndpoint",
			"dev.portguard.actuate.PortsEndpointWebExtension", "dev.portguard.actuate.PortsFormat",
			"dev.portguard.actuate.PortsHealthIndicator", "dev.portguard.actuate.PortsMeterBinder",
			"dev.portguard.holder.PortHolderLocator", "dev.portguard.holder.ProcPortHolderLocator",
			"dev.portguard.holder.BoundedPortHolderLocator" };

	@Override
	public void preinitialize() {
		ClassLoader classLoader = PortguardBackgroundPreinitializer.class.getClassLoader();
		for (String name : CLASSES) {
			try {
				Class.forName(name, true, classLoader);
			}
			catch (Throwable ex) {
				// An optional dependency is absent: its beans are not created either.
			}
		}
	}

}
