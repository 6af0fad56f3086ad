package dev.portguard.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.portguard.holder.ContainerInfo;
import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.OperatingSystem;
import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import org.jspecify.annotations.Nullable;

/**
 * The host's listening sockets and the holders of given ports, looked up at most once per time-to-live however many
 * requests ask: a burst of requests to the endpoint never becomes a burst of {@code /proc} scans.
 * <p>
 * The host is looked at on a background thread, so a slow host never stalls a request for long: a request waits
 * for a refresh only a little (a few times what the last one took, at most a second, not at all while the host
 * keeps failing), and otherwise gets the last snapshot marked stale with its age, or, before any, one that says
 * the host's view is unknown. A failed or timed-out listing is never taken for a host where nothing listens.
 * Containers behind a runtime's proxy are named after the snapshot is published, from the runtime's last answer
 * until its next one: a hung runtime never reaches a request.
 */
public class LiveView {

	private static final OperatingSystem OS = OperatingSystem.current();

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

	private static final Duration SHORTEST_WAIT = Duration.ofMillis(250);

	private final PortHolderLocator locator;

	private final Duration timeToLive;

	private final Clock clock;

	private @Nullable Snapshot snapshot;

	private @Nullable Instant attemptedAt;

	private @Nullable CompletableFuture<Snapshot> refreshing;

	private boolean lastFailed;

	private long lastTookNanos;

	private final Map<String, CachedContainer> containers = new HashMap<>();

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
	 * Return a snapshot that covers the given ports: one no older than the time-to-live when the host answers in
	 * time, else the last one marked stale, or one that says the host's view is unknown.
	 * @param ports the ports whose holders are wanted
	 * @return the snapshot
	 */
	public Snapshot snapshot(Collection<Integer> ports) {
		CompletableFuture<Snapshot> refresh;
		Snapshot current;
		long waitNanos;
		synchronized (this) {
			Instant now = this.clock.instant();
			current = this.snapshot;
			boolean covers = current != null && current.holders().keySet().containsAll(ports);
			Instant attempted = this.attemptedAt;
			if (covers && attempted != null && !attempted.plus(this.timeToLive).isBefore(now)) {
				return current;
			}
			refresh = this.refreshing;
			if (refresh == null) {
				Set<Integer> wanted = new LinkedHashSet<>(ports);
				if (current != null) {
					wanted.addAll(current.holders().keySet());
				}
				refresh = startRefresh(wanted, current);
			}
			waitNanos = (current == null) ? PortHolderLocator.DEFAULT_TIMEOUT.toNanos() + SHORTEST_WAIT.toNanos()
					: this.lastFailed ? 0 : Math.min(LONGEST_WAIT.toNanos(),
							Math.max(SHORTEST_WAIT.toNanos(), 4 * this.lastTookNanos));
		}
		try {
			Snapshot fresh = (waitNanos > 0) ? refresh.get(waitNanos, TimeUnit.NANOSECONDS) : refresh.getNow(null);
			if (fresh != null && fresh.holders().keySet().containsAll(ports)) {
				return fresh;
			}
		}
		catch (TimeoutException ex) {
			// Served below from what is known.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// A refresh never completes exceptionally; served below from what is known.
		}
		Instant now = this.clock.instant();
		String problem = "looking at the host again did not finish in time: this is what it showed before";
		return (current != null) ? current.stale(problem) : Snapshot.unknown(now, ports, problem);
	}

	private CompletableFuture<Snapshot> startRefresh(Set<Integer> ports, @Nullable Snapshot previous) {
		CompletableFuture<Snapshot> refresh = new CompletableFuture<>();
		this.refreshing = refresh;
		this.attemptedAt = this.clock.instant();
		Thread worker = new Thread(() -> refresh(ports, previous, refresh), "portguard-live-view");
		worker.setDaemon(true);
		worker.start();
		return refresh;
	}

	private void refresh(Set<Integer> ports, @Nullable Snapshot previous, CompletableFuture<Snapshot> refresh) {
		long start = System.nanoTime();
		Snapshot result;
		List<PortHolder> listening = null;
		try {
			listening = this.locator.listening();
			Instant at = this.clock.instant();
			Map<Integer, HolderLookup> holders = new LinkedHashMap<>();
			for (Integer port : ports) {
				holders.put(port, holderOf(port, listening));
			}
			result = new Snapshot(at, withKnownContainers(listening), holders);
		}
		catch (RuntimeException ex) {
			Instant now = this.clock.instant();
			String problem = ex.getMessage();
			result = (previous != null) ? previous.stale(problem) : Snapshot.unknown(now, ports, problem);
		}
		synchronized (this) {
			this.lastFailed = listening == null;
			this.lastTookNanos = System.nanoTime() - start;
			this.snapshot = result;
			this.lookups++;
			this.refreshing = null;
		}
		refresh.complete(result);
		if (listening != null) {
			nameContainers(result);
		}
	}

	/**
	 * Take a port's holder from the one scan of the host, naming a proxy's container from the runtime's last
	 * answer.
	 */
	private HolderLookup holderOf(int port, List<PortHolder> listening) {
		List<PortHolder> holders = new ArrayList<>();
		boolean seen = false;
		for (PortHolder holder : listening) {
			if (holder.port() == port) {
				seen = true;
				if (holder.pid() > 0) {
					holders.add(withKnownContainer(holder));
				}
			}
		}
		if (!holders.isEmpty()) {
			return new HolderLookup(port, HolderLookup.Status.FOUND, holders, null, null,
					OS.showHolderCommand(port));
		}
		return new HolderLookup(port, seen ? HolderLookup.Status.NOT_VISIBLE : HolderLookup.Status.FREE, List.of(),
				null, null, OS.showHolderCommand(port));
	}

	private List<PortHolder> withKnownContainers(List<PortHolder> listening) {
		List<PortHolder> named = new ArrayList<>(listening.size());
		for (PortHolder holder : listening) {
			named.add(withKnownContainer(holder));
		}
		return named;
	}

	private PortHolder withKnownContainer(PortHolder holder) {
		if (!holder.isContainerProxy()) {
			return holder;
		}
		synchronized (this.containers) {
			CachedContainer known = this.containers.get(key(holder));
			return (known != null) ? holder.withContainer(known.container()) : holder;
		}
	}

	/**
	 * Ask the container runtime, on this background thread, about the proxies whose container is not known or
	 * was asked about longer than a time-to-live ago, and publish the snapshot again with their names.
	 */
	private void nameContainers(Snapshot published) {
		Instant now = this.clock.instant();
		boolean changed = false;
		Map<String, PortHolder> proxies = new LinkedHashMap<>();
		for (PortHolder holder : published.listening()) {
			if (holder.isContainerProxy()) {
				proxies.putIfAbsent(key(holder), holder);
			}
		}
		for (Map.Entry<String, PortHolder> proxy : proxies.entrySet()) {
			CachedContainer known;
			synchronized (this.containers) {
				known = this.containers.get(proxy.getKey());
			}
			if (known != null && !known.at().plus(this.timeToLive).isBefore(now)) {
				continue;
			}
			ContainerInfo container = this.locator.withContainer(proxy.getValue()).container();
			synchronized (this.containers) {
				this.containers.put(proxy.getKey(), new CachedContainer(this.clock.instant(),
						(container != null) ? container : (known != null) ? known.container() : null));
			}
			changed |= container != null && (known == null || !container.equals(known.container()));
		}
		synchronized (this.containers) {
			this.containers.keySet().retainAll(proxies.keySet());
		}
		if (changed) {
			Map<Integer, HolderLookup> holders = new LinkedHashMap<>();
			for (Integer port : published.holders().keySet()) {
				holders.put(port, holderOf(port, published.listening()));
			}
			Snapshot named = new Snapshot(published.at(), withKnownContainers(published.listening()), holders);
			synchronized (this) {
				if (this.snapshot == published) {
					this.snapshot = named;
				}
			}
		}
	}

	private static String key(PortHolder holder) {
		return holder.pid() + "/" + holder.listening();
	}

	/**
	 * Return the look at the host under way, if one is, for tests that wait for it rather than for a time.
	 * @return the refresh, completed with its snapshot, or {@code null}
	 */
	synchronized @Nullable CompletableFuture<Snapshot> pendingRefresh() {
		return this.refreshing;
	}

	/**
	 * Return how many times the host was looked at, for tests and benchmarks.
	 * @return the number of looks
	 */
	public synchronized int getLookups() {
		return this.lookups;
	}

	private record CachedContainer(Instant at, @Nullable ContainerInfo container) {
	}

	/**
	 * How much a snapshot can be trusted.
	 */
	public enum State {

		/**
		 * The newest look at the host.
		 */
		FRESH,

		/**
		 * An older look: the host did not answer in time since.
		 */
		STALE,

		/**
		 * The host has not answered yet: nothing about it is known.
		 */
		UNKNOWN

	}

	/**
	 * One look at the host.
	 *
	 * @param at when the host was looked at (for an unknown snapshot, when it was made)
	 * @param listening every listening socket with its holder
	 * @param holders the holder of each port asked for
	 * @param state how much it can be trusted
	 * @param problem why it is stale or unknown, or {@code null}
	 */
	public record Snapshot(Instant at, List<PortHolder> listening, Map<Integer, HolderLookup> holders, State state,
			@Nullable String problem) {

		/**
		 * Create a fresh snapshot.
		 * @param at when it was taken
		 * @param listening every listening socket with its holder
		 * @param holders the holder of each port asked for
		 */
		public Snapshot(Instant at, List<PortHolder> listening, Map<Integer, HolderLookup> holders) {
			this(at, listening, holders, State.FRESH, null);
		}

		static Snapshot unknown(Instant now, Collection<Integer> ports, @Nullable String problem) {
			Map<Integer, HolderLookup> holders = new LinkedHashMap<>();
			for (Integer port : ports) {
				holders.put(port, new HolderLookup(port, HolderLookup.Status.UNKNOWN, List.of(), null, problem,
						OS.showHolderCommand(port)));
			}
			return new Snapshot(now, List.of(), holders, State.UNKNOWN, problem);
		}

		Snapshot stale(@Nullable String why) {
			return (this.state == State.FRESH) ? new Snapshot(this.at, this.listening, this.holders, State.STALE, why)
					: new Snapshot(this.at, this.listening, this.holders, this.state, why);
		}

		/**
		 * Return whether the given process listens on a port.
		 * @param port the port
		 * @param pid the process
		 * @return whether it does
		 */
		public boolean listens(int port, long pid) {
			for (PortHolder holder : this.listening) {
				if (holder.port() == port && holder.pid() == pid) {
					return true;
				}
			}
			return false;
		}

	}

}
