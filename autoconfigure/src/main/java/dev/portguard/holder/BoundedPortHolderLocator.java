package dev.portguard.holder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
		CompletableFuture<HolderLookup> lookup = new CompletableFuture<>();
		Thread worker = new Thread(() -> {
			try {
				lookup.complete(withContainers(this.delegate.locate(port), deadline));
			}
			catch (Throwable ex) {
				lookup.completeExceptionally(ex);
			}
		}, "portguard-holder-lookup");
		worker.setDaemon(true);
		worker.start();
		try {
			return lookup.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			worker.interrupt();
			return unknown(port, "the lookup took longer than " + this.timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			return unknown(port, "the lookup failed: " + ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unknown(port, "the lookup was interrupted");
		}
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
		if (lookup.holders().stream().noneMatch(PortHolder::isContainerProxy)) {
			return lookup;
		}
		List<PortHolder> holders = new ArrayList<>();
		for (PortHolder holder : lookup.holders()) {
			long left = deadline - System.nanoTime();
			List<String> runtimes = holder.known().map(KnownHolder::runtimes).orElse(List.of());
			if (!runtimes.isEmpty() && left > 0) {
				holder = holder.withContainer(this.containers.find(lookup.port(), runtimes, Duration.ofNanos(left)));
			}
			holders.add(holder);
		}
		return new HolderLookup(lookup.port(), lookup.status(), holders, lookup.owner(), lookup.detail(),
				lookup.manualCommand());
	}

	private HolderLookup unknown(int port, String detail) {
		return new HolderLookup(port, HolderLookup.Status.UNKNOWN, List.of(), null, detail,
				this.os.showHolderCommand(port));
	}

}
