package dev.portguard.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.PortProbe;
import dev.portguard.policy.PortRequest;

/**
 * Replaces a stale instance: when a managed port's preferred port is held by an earlier instance of the same
 * application, registered in the registry and run by the same user, asks it to shut down gracefully (the actuator
 * shutdown endpoint on loopback, else SIGTERM) and waits for the port to free. It never touches any other process.
 */
public final class PreviousInstance {

	private PreviousInstance() {
	}

	/**
	 * Make room on a port's preferred port if an earlier instance of the same application holds it.
	 * @param registry the instance registry
	 * @param application the application's name
	 * @param request the managed port
	 * @param locator finds the holder of the port
	 * @param timeout how long to wait for the port to free
	 * @param log receives one line per decision, for the application's log
	 * @return whether an earlier instance was stopped and the port is free now
	 */
	public static boolean replace(InstanceRegistry registry, String application, PortRequest request,
			PortHolderLocator locator, Duration timeout, Consumer<String> log) {
		int port = request.requested();
		if (!request.isFixed() || isFree(request)) {
			return false;
		}
		PortHolder holder = locator.locate(port).holder();
		if (holder == null) {
			log.accept("Port " + port + " (" + request.property() + ") is held by a process portguard cannot see; "
					+ "nothing was stopped");
			return false;
		}
		Optional<Instance> previous = registry.instances(application)
			.stream()
			.filter((instance) -> instance.pid() == holder.pid())
			.findFirst();
		if (previous.isEmpty()) {
			log.accept("Port " + port + " (" + request.property() + ") is held by " + holder.name() + " (pid "
					+ holder.pid() + "), which is not a registered instance of " + application + "; nothing was stopped");
			return false;
		}
		String user = System.getProperty("user.name");
		if (!user.equals(previous.get().user()) || (holder.user() != null && !user.equals(holder.user()))) {
			log.accept("Port " + port + " (" + request.property() + ") is held by an earlier instance of "
					+ application + " (pid " + holder.pid() + ") run by another user; nothing was stopped");
			return false;
		}
		long start = System.nanoTime();
		String how = stop(previous.get());
		while (System.nanoTime() - start < timeout.toNanos()) {
			if (isFree(request)) {
				log.accept("Stopped the earlier instance of " + application + " (pid " + holder.pid()
						+ ") that held port " + port + " (" + request.property() + ") " + how + "; the port was free "
						+ "after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
				return true;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		log.accept("Asked the earlier instance of " + application + " (pid " + holder.pid() + ") holding port " + port
				+ " (" + request.property() + ") to stop " + how + ", but the port was not free after "
				+ timeout.toMillis() + " ms");
		return false;
	}

	private static String stop(Instance instance) {
		if (instance.shutdownUrl() != null) {
			try {
				HttpURLConnection connection = (HttpURLConnection) URI.create(instance.shutdownUrl())
					.toURL()
					.openConnection();
				connection.setRequestMethod("POST");
				connection.setConnectTimeout(2000);
				connection.setReadTimeout(2000);
				int status = connection.getResponseCode();
				connection.disconnect();
				if (status == 200) {
					return "through its actuator shutdown endpoint (" + instance.shutdownUrl() + ")";
				}
			}
			catch (IOException | RuntimeException ex) {
				// Fall back to a signal.
			}
		}
		ProcessHandle.of(instance.pid()).ifPresent(ProcessHandle::destroy);
		return "with SIGTERM";
	}

	private static boolean isFree(PortRequest request) {
		return PortProbe.bind().probe(request.address(), request.requested()).outcome() == CandidateOutcome.FREE;
	}

}
