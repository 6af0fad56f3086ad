package dev.portguard.cloud;

import java.nio.file.Path;

import dev.portguard.autoconfigure.PortguardProperties;
import dev.portguard.registry.InstanceRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The registry that {@code portguard.registry.directory} names, as the instances of this machine register in it.
 */
final class Registries {

	private static final Log logger = LogFactory.getLog(PortguardDiscoveryClient.class);

	private Registries() {
	}

	static InstanceRegistry of(PortguardProperties properties) {
		String directory = properties.getRegistry().getDirectory();
		InstanceRegistry registry = (directory != null && !directory.isBlank()) ? InstanceRegistry.at(Path.of(directory))
				: InstanceRegistry.atDefaultDirectory();
		return registry.withLog(logger::debug);
	}

}
