package dev.portguard.holder;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Runs a lookup within a time limit, names the container behind a container runtime's proxy, and turns every
 * failure into {@link HolderLookup.Status#UNKNOWN}: a lookup never throws and never hangs start-up.
 */
final class BoundedPortHolderLocator implements PortHolderLocator {

	/**
	 * How much earlier than the caller's deadline a container runtime must have answered.
	 */
	private static final long MARGIN = TimeUnit.MILLISECONDS.toNanos(150);

	private final PortHolderLocator delegate;

	private final ContainerLookup containers;

	private final OperatingSystem os;

	private final Duration timeout;

	BoundedPortHolderLocator(PortHolderLocator delegate, ContainerLookup containers, OperatingSystem os,
			Duration timeout) {
		this.delegate = delegate;
		this.containers = containers;
		this.os = os;
		this.timeout = timeout;
	}

	@Override
	public HolderLookup locate(int port) {
		return locate(port, null);
	}

	@Override
	public HolderLookup locate(int port, @Nullable InetAddress address) {
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		// A plain thread rather than a CompletableFuture and a lambda: this runs once in a JVM that is failing to
		// start, where loading that machinery costs more than the lookup.
		Lookup lookup = new Lookup(port, address, deadline);
		lookup.setDaemon(true);
		lookup.start();
		try {
			lookup.join(Math.max(1, this.timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unknown(port, "the lookup was interrupted");
		}
		HolderLookup result = lookup.result;
		if (result != null) {
			return result;
		}
		if (lookup.failure != null) {
			return unknown(port, "the lookup failed: " + lookup.failure);
		}
		lookup.interrupt();
		HolderLookup found = lookup.found;
		if (found != null) {
			// Only the container runtime did not answer: what /proc, lsof or netstat found stands.
			return new HolderLookup(port, found.status(), found.holders(), found.owner(),
					"the container runtime did not answer within " + this.timeout.toMillis()
							+ " ms: the container behind the proxy is not named",
					found.manualCommand(), found.excludedRange());
		}
		return unknown(port, "the lookup took longer than " + this.timeout.toMillis() + " ms");
	}

	@Override
	public List<PortHolder> listening() {
		CompletableFuture<List<PortHolder>> listing = new CompletableFuture<>();
		Thread worker = new Thread(() -> {
			try {
				listing.complete(this.delegate.listening());
			}
			catch (Throwable ex) {
				listing.completeExceptionally(ex);
			}
		}, "portguard-listening-sockets");
		worker.setDaemon(true);
		worker.start();
		try {
			return listing.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			worker.interrupt();
			throw new HostListingException("listing the host's listening sockets took longer than "
					+ this.timeout.toMillis() + " ms", ex);
		}
		catch (ExecutionException ex) {
			throw new HostListingException("listing the host's listening sockets failed: " + ex.getCause(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HostListingException("listing the host's listening sockets was interrupted", ex);
		}
	}

	@Override
	public PortHolder withContainer(PortHolder holder) {
		List<String> runtimes = holder.known().isPresent() ? holder.known().get().runtimes() : List.of();
		if (!holder.isContainerProxy() || runtimes.isEmpty()) {
			return holder;
		}
		return holder.withContainer(this.containers.find(holder.port(), runtimes, this.timeout));
	}

	private HolderLookup withContainers(HolderLookup lookup, long deadline) {
		boolean forwarded = false;
		for (PortHolder holder : lookup.holders()) {
			forwarded |= holder.isContainerProxy();
		}
		if (!forwarded) {
			return lookup;
		}
		List<PortHolder> holders = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (PortHolder holder : lookup.holders()) {
			// The runtime gets the time left but a margin, so that its answer, or its being stopped, comes before
			// the caller gives up on the whole lookup.
			long left = deadline - System.nanoTime() - MARGIN;
			List<String> runtimes = holder.known().isPresent() ? holder.known().get().runtimes() : List.of();
			if (!runtimes.isEmpty() && left > 0) {
				holder = holder.withContainer(
						this.containers.find(lookup.port(), runtimes, Duration.ofNanos(left), failures));
			}
			holders.add(holder);
		}
		String detail = lookup.detail();
		if (detail == null && !failures.isEmpty()) {
			detail = String.join("; ", failures) + ": the container behind the proxy is not named";
		}
		return new HolderLookup(lookup.port(), lookup.status(), holders, lookup.owner(), detail,
				lookup.manualCommand(), lookup.excludedRange());
	}

	private final class Lookup extends Thread {

		private final int port;

		private final @Nullable InetAddress address;

		private final long deadline;

		private volatile @Nullable HolderLookup found;

		private volatile @Nullable HolderLookup result;

		private volatile @Nullable Throwable failure;

		Lookup(int port, @Nullable InetAddress address, long deadline) {
			super("portguard-holder-lookup");
			this.port = port;
			this.address = address;
			this.deadline = deadline;
		}

		@Override
		public void run() {
			try {
				HolderLookup located = BoundedPortHolderLocator.this.delegate.locate(this.port, this.address);
				this.found = located;
				this.result = withContainers(located, this.deadline);
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
		}

	}

	private HolderLookup unknown(int port, String detail) {
		return new HolderLookup(port, HolderLookup.Status.UNKNOWN, List.of(), null, detail,
				this.os.showHolderCommand(port));
	}

}
