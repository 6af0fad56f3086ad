package dev.portguard.holder;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

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
	 * Find the holder of a port that stands in the way of a bind of the given address: a listener on
	 * {@code 127.0.0.1:P} does not hold {@code 127.0.0.3:P}, one on {@code 0.0.0.0:P} does (see
	 * {@link BindConflicts}).
	 * @param port the port
	 * @param address the address the bind asks for, or {@code null} for every interface
	 * @return what was found
	 */
	default HolderLookup locate(int port, @Nullable InetAddress address) {
		return locate(port).conflictingWith(address);
	}

	/**
	 * List every listening TCP socket of this machine with its holder, as far as this user can see.
	 * @return the listeners, ordered by port
	 * @throws HostListingException if the listing failed or took too long: an empty list always means that
	 * nothing listens
	 */
	default List<PortHolder> listening() {
		return List.of();
	}

	/**
	 * Name the container behind a container runtime's proxy, asking the runtime within this locator's time limit.
	 * @param holder a holder
	 * @return the holder, naming its container when it is a proxy and the runtime answered
	 */
	default PortHolder withContainer(PortHolder holder) {
		return holder;
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
