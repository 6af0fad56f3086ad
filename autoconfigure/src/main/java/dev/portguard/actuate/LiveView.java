package dev.portguard.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.OperatingSystem;
import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import org.jspecify.annotations.Nullable;

/**
 * The host's listening sockets and the holders of given ports, looked up at most once per time-to-live however many
 * requests ask: a burst of requests to the endpoint never becomes a burst of {@code /proc} scans.
 */
public class LiveView {

	private static final OperatingSystem OS = OperatingSystem.current();

	private final PortHolderLocator locator;

	private final Duration timeToLive;

	private final Clock clock;

	private @Nullable Snapshot snapshot;

	private int lookups;

	/**
	 * Create a live view.
	 * @param locator finds holders
	 * @param timeToLive how long a snapshot is reused
	 * @param clock the clock
	 */
	public LiveView(PortHolderLocator locator, Duration timeToLive, Clock clock) {
		this.locator = locator;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * Return a snapshot no older than the time-to-live that covers the given ports.
	 * @param ports the ports whose holders are wanted
	 * @return the snapshot
	 */
	public synchronized Snapshot snapshot(Collection<Integer> ports) {
		Instant now = this.clock.instant();
		Snapshot current = this.snapshot;
		if (current == null || current.at().plus(this.timeToLive).isBefore(now)
				|| !current.holders().keySet().containsAll(ports)) {
			List<PortHolder> listening = this.locator.listening();
			Map<Integer, HolderLookup> holders = new LinkedHashMap<>();
			for (Integer port : ports) {
				holders.put(port, holderOf(port, listening));
			}
			current = new Snapshot(now, listening, holders);
			this.snapshot = current;
			this.lookups++;
		}
		return current;
	}

	/**
	 * Take a port's holder from the one scan of the host; only a container runtime's proxy is looked up again, to
	 * name the container behind it.
	 */
	private HolderLookup holderOf(int port, List<PortHolder> listening) {
		for (PortHolder holder : listening) {
			if (holder.port() == port && holder.pid() > 0) {
				return holder.isContainerProxy() ? this.locator.locate(port) : new HolderLookup(port,
						HolderLookup.Status.FOUND, List.of(holder), null, null, OS.showHolderCommand(port));
			}
		}
		boolean seen = listening.stream().anyMatch((holder) -> holder.port() == port);
		return new HolderLookup(port, seen ? HolderLookup.Status.NOT_VISIBLE : HolderLookup.Status.FREE, List.of(),
				null, null, OS.showHolderCommand(port));
	}

	/**
	 * Return how many times the host was scanned, for tests and benchmarks.
	 * @return the number of scans
	 */
	public synchronized int getLookups() {
		return this.lookups;
	}

	/**
	 * One look at the host.
	 *
	 * @param at when it was taken
	 * @param listening every listening socket with its holder
	 * @param holders the holder of each port asked for
	 */
	public record Snapshot(Instant at, List<PortHolder> listening, Map<Integer, HolderLookup> holders) {

		/**
		 * Return whether the given process listens on a port.
		 * @param port the port
		 * @param pid the process
		 * @return whether it does
		 */
		public boolean listens(int port, long pid) {
			return this.listening.stream().anyMatch((holder) -> holder.port() == port && holder.pid() == pid);
		}

	}

}
