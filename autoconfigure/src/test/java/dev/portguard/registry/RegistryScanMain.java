package dev.portguard.registry;

import java.nio.file.Path;

/**
 * Lists the live instances of a registry directory and every file it skipped; started by tests as a separate
 * process under another user.
 */
public final class RegistryScanMain {

	private RegistryScanMain() {
	}

	public static void main(String[] args) {
		InstanceRegistry registry = InstanceRegistry.at(Path.of(args[0])).withLog(System.out::println);
		String problem = registry.problem();
		if (problem != null) {
			System.out.println("problem " + problem);
		}
		for (Instance instance : registry.instances()) {
			System.out.println("found " + instance.id());
		}
	}

}
