package dev.portguard.sample;

import java.nio.file.Path;
import java.time.Duration;

import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;

/**
 * The discovery client at work, without Spring: waits until an instance of an application is up, then lists every
 * running instance with its ports. Arguments: the application's name (default {@code portguard-sample-app}) and,
 * optionally, the registry directory.
 */
public final class FindInstances {

	private FindInstances() {
	}

	public static void main(String[] args) throws Exception {
		String application = (args.length > 0) ? args[0] : "portguard-sample-app";
		InstanceRegistry registry = (args.length > 1) ? InstanceRegistry.at(Path.of(args[1]))
				: InstanceRegistry.atDefaultDirectory();
		Instance first = registry.awaitInstance(application, Duration.ofSeconds(30));
		System.out.println("First instance up: " + first.baseUrl());
		for (Instance instance : registry.instances(application)) {
			System.out.println("pid " + instance.pid() + "  " + instance.baseUrl() + "  ports " + instance.ports());
		}
	}

}
