package dev.portguard.holder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Finds which process holds a TCP port.
 */
@FunctionalInterface
public interface PortHolderLocator {

	/**
	 * Default time a lookup may take, container runtime included.
	 */
	Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Find the holder of a port.
	 * @param port the port
	 * @return what was found
	 */
	HolderLookup locate(int port);

	/**
	 * List every listening TCP socket of this machine with its holder, as far as this user can see.
	 * @return the listeners, ordered by port
	 */
	default List<PortHolder> listening() {
		return List.of();
	}

	/**
	 * Return the locator for this machine's operating system, bounded in time, naming the container behind a
	 * container runtime's proxy, and never throwing.
	 * @return the locator
	 */
	static PortHolderLocator forThisMachine() {
		return forThisMachine(DEFAULT_TIMEOUT);
	}

	/**
	 * Return the locator for this machine's operating system, bounded in time, naming the container behind a
	 * container runtime's proxy, and never throwing.
	 * @param timeout how long one lookup may take in all
	 * @return the locator
	 */
	static PortHolderLocator forThisMachine(Duration timeout) {
		OperatingSystem os = OperatingSystem.current();
		PortHolderLocator locator;
		if (os == OperatingSystem.LINUX && Path.of("/proc/net/tcp").toFile().canRead()) {
			locator = new ProcPortHolderLocator(Path.of("/proc"));
		}
		else if (os == OperatingSystem.WINDOWS) {
			locator = new WindowsPortHolderLocator(timeout.multipliedBy(3).dividedBy(4));
		}
		else {
			locator = new ToolPortHolderLocator(os, timeout.multipliedBy(3).dividedBy(4));
		}
		return new BoundedPortHolderLocator(locator, new ContainerLookup(), os, timeout);
	}

}
