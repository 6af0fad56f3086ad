package dev.portguard.holder;

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
		long deadline = System.nanoTime() + this.timeout.toNanos();
		// A plain thread rather than a CompletableFuture and a lambda: this runs once in a JVM that is failing to
		// start, where loading that machinery costs more than the lookup.
		Lookup lookup = new Lookup(port, deadline);
		lookup.setDaemon(true);
		lookup.start();
		try {
			lookup.join(Math.max(1, this.timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unknown(port, "the lookup was interrupted");
		}
		if (lookup.result != null) {
			return lookup.result;
		}
		if (lookup.failure != null) {
			return unknown(port, "the lookup failed: " + lookup.failure);
		}
		lookup.interrupt();
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
		catch (TimeoutException | ExecutionException ex) {
			worker.interrupt();
			return List.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
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
		for (PortHolder holder : lookup.holders()) {
			long left = deadline - System.nanoTime();
			List<String> runtimes = holder.known().isPresent() ? holder.known().get().runtimes() : List.of();
			if (!runtimes.isEmpty() && left > 0) {
				holder = holder.withContainer(this.containers.find(lookup.port(), runtimes, Duration.ofNanos(left)));
			}
			holders.add(holder);
		}
		return new HolderLookup(lookup.port(), lookup.status(), holders, lookup.owner(), lookup.detail(),
				lookup.manualCommand());
	}

	private final class Lookup extends Thread {

		private final int port;

		private final long deadline;

		private volatile @Nullable HolderLookup result;

		private volatile @Nullable Throwable failure;

		Lookup(int port, long deadline) {
			super("portguard-holder-lookup");
			this.port = port;
			this.deadline = deadline;
		}

		@Override
		public void run() {
			try {
				this.result = withContainers(BoundedPortHolderLocator.this.delegate.locate(this.port), this.deadline);
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
