package dev.portguard.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.holder.SafeText;
import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.PortProbe;
import dev.portguard.policy.PortRequest;
import org.jspecify.annotations.Nullable;

/**
 * Replaces a stale instance: when a managed port's preferred port is held by an earlier instance of the same
 * application (the same name, which must not be the default, and the same main class or jar), registered in a
 * registry only this user can write and run by this user, asks it to shut down gracefully and waits for the port to
 * free, all within one deadline. The shutdown URL in its file is a claim: it is called only when it is {@code http}
 * on a loopback address and a port the holder itself listens on; otherwise, and when the call fails, the process is
 * sent SIGTERM, after checking once more that the pid still names the same process. Any other process is never
 * touched, and every refusal is logged with its reason.
 */
public final class PreviousInstance {

	/**
	 * The name an application has when {@code spring.application.name} is not set.
	 */
	public static final String DEFAULT_NAME = "application";

	private PreviousInstance() {
	}

	/**
	 * Make room on a port's preferred port if an earlier instance of the same application holds it.
	 * @param registry the instance registry
	 * @param application the application's name
	 * @param main this application's main class or jar ({@link ThisMachine#main()})
	 * @param request the managed port
	 * @param locator finds the holder of the port
	 * @param timeout how long the shutdown request and the wait for the port may take together
	 * @param log receives one line per decision, for the application's log
	 * @return whether an earlier instance was stopped and the port is free now
	 */
	public static boolean replace(InstanceRegistry registry, String application, @Nullable String main,
			PortRequest request, PortHolderLocator locator, Duration timeout, Consumer<String> log) {
		return replace(registry, application, main, request, locator, timeout, true, log);
	}

	/**
	 * Make room on a port's preferred port if an earlier instance of the same application holds it.
	 * @param registry the instance registry
	 * @param application the application's name
	 * @param main this application's main class or jar ({@link ThisMachine#main()})
	 * @param request the managed port
	 * @param locator finds the holder of the port
	 * @param timeout how long the shutdown request and the wait for the port may take together
	 * @param showProcess whether the log lines may name the holder's process and pid (the endpoint's
	 * {@code show-details} is {@code always}); text from other processes and the registry is escaped either way
	 * @param log receives one line per decision, for the application's log
	 * @return whether an earlier instance was stopped and the port is free now
	 */
	public static boolean replace(InstanceRegistry registry, String application, @Nullable String main,
			PortRequest request, PortHolderLocator locator, Duration timeout, boolean showProcess,
			Consumer<String> log) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int port = request.requested();
		if (!request.isFixed() || isFree(request)) {
			return false;
		}
		String where = "Port " + port + " (" + request.property() + ")";
		if (DEFAULT_NAME.equals(application)) {
			log.accept(where + " is taken, but portguard.replace needs spring.application.name: two applications "
					+ "that both leave it unset would replace each other; nothing was stopped");
			return false;
		}
		String problem = registry.problem();
		if (problem != null) {
			log.accept(where + " is taken, but the instance registry is not used (" + problem + "); nothing was stopped");
			return false;
		}
		PortHolder holder = locator.locate(port, request.address()).holder();
		if (holder == null) {
			log.accept(where + " is held by a process portguard cannot see; nothing was stopped");
			return false;
		}
		Optional<Instance> registered = registry.instances(application)
			.stream()
			.filter((instance) -> instance.pid() == holder.pid())
			.findFirst();
		if (registered.isEmpty()) {
			log.accept(where + " is held by " + (showProcess ? SafeText.of(holder.name()) : "a process")
					+ pid(holder.pid(), showProcess) + ", which is not a registered instance of " + application
					+ "; nothing was stopped");
			return false;
		}
		Instance previous = registered.get();
		String user = System.getProperty("user.name");
		if (!user.equals(previous.user()) || (holder.user() != null && !user.equals(holder.user()))) {
			log.accept(where + " is held by an earlier instance of " + application + pid(holder.pid(), showProcess)
					+ " run by another user; nothing was stopped");
			return false;
		}
		if (main == null || !main.equals(previous.main()) || !holder.isSameApplicationAs(main, -1)) {
			log.accept(where + " is held by a process" + pid(holder.pid(), showProcess) + " registered as "
					+ application + " but running "
					+ SafeText.of(Objects.requireNonNullElse(previous.main(), "an unknown main class")) + ", not "
					+ main + "; nothing was stopped");
			return false;
		}
		String how = stop(previous, holder, locator, deadline, showProcess, log, where);
		if (how == null) {
			return false;
		}
		long start = System.nanoTime();
		while (System.nanoTime() < deadline) {
			if (isFree(request)) {
				log.accept("Stopped the earlier instance of " + application + pid(holder.pid(), showProcess)
						+ " that held port " + port + " (" + request.property() + ") " + how + "; the port was free "
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
		log.accept("Asked the earlier instance of " + application + pid(holder.pid(), showProcess) + " holding port "
				+ port
				+ " (" + request.property() + ") to stop " + how + ", but the port was not free within "
				+ timeout.toMillis() + " ms");
		return false;
	}

	private static String pid(long pid, boolean show) {
		return show ? " (pid " + pid + ")" : "";
	}

	private static @Nullable String stop(Instance instance, PortHolder holder, PortHolderLocator locator,
			long deadline, boolean showProcess, Consumer<String> log, String where) {
		String url = instance.shutdownUrl();
		if (url != null) {
			String refused = refusal(url, holder, locator);
			if (refused != null) {
				log.accept(where + ": the registered shutdown URL " + SafeText.of(url) + " was not called ("
						+ refused + ")");
			}
			else if (post(url, deadline)) {
				return "through its actuator shutdown endpoint (" + SafeText.of(url) + ")";
			}
		}
		Optional<ProcessHandle> process = ProcessHandle.of(instance.pid());
		String changed = process.isPresent() ? changed(process.get(), instance, holder) : "it has exited";
		if (changed != null) {
			log.accept(where + ": the earlier instance" + pid(instance.pid(), showProcess) + " was not signalled: "
					+ changed);
			return null;
		}
		process.get().destroy();
		return "with SIGTERM";
	}

	/**
	 * Return why a registered shutdown URL must not be called, or {@code null} if it may: {@code http}, a loopback
	 * address, and a port the holder process itself listens on.
	 */
	static @Nullable String refusal(String url, PortHolder holder, PortHolderLocator locator) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (java.net.URISyntaxException ex) {
			return "not a URL";
		}
		if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
			return "not an http URL with a host and a port";
		}
		String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
				: uri.getHost();
		// Only an address literal or "localhost": a name would be resolved by whoever answers for it.
		boolean literal = !host.isEmpty() && (Character.digit(host.charAt(0), 16) >= 0 || host.contains(":"));
		try {
			if (!host.equals("localhost") && !(literal && InetAddress.getByName(host).isLoopbackAddress())) {
				return SafeText.of(uri.getHost()) + " is not a loopback address";
			}
		}
		catch (IOException | RuntimeException ex) {
			return SafeText.of(uri.getHost()) + " is not a loopback address";
		}
		boolean listens = locator.locate(uri.getPort())
			.holders()
			.stream()
			.anyMatch((listener) -> listener.pid() == holder.pid());
		return listens ? null : "pid " + holder.pid() + " does not listen on port " + uri.getPort();
	}

	/**
	 * Return how a process differs from the registered one it should be, or {@code null} if it is the same: a
	 * reused pid starts later, may run as another user, or runs another program.
	 */
	static @Nullable String changed(ProcessHandle process, Instance instance, PortHolder holder) {
		if (!process.isAlive()) {
			return "it has exited";
		}
		ProcessHandle.Info info = process.info();
		Optional<Instant> started = info.startInstant();
		if (started.isEmpty()
				|| Math.abs(started.get().toEpochMilli() - instance.processStart().toEpochMilli()) >= 1000) {
			return "it is no longer the process that registered (another start time)";
		}
		if (!info.user().map((user) -> user.equals(System.getProperty("user.name"))).orElse(false)) {
			return "it runs as another user";
		}
		PortHolder now = new PortHolder(process.pid(), holder.name(), info.command().orElse(null),
				info.commandLine().orElse(null), info.user().orElse(null), started.get(), holder.listening(), null);
		if (!now.isSameApplicationAs(instance.main(), -1)) {
			return "it no longer runs " + SafeText.of(instance.main());
		}
		return null;
	}

	/**
	 * POST to the shutdown endpoint on a thread of its own, waited for until the deadline: a server that answers
	 * a byte at a time cannot hold start-up past it.
	 */
	private static boolean post(String url, long deadline) {
		boolean[] ok = new boolean[1];
		HttpURLConnection[] open = new HttpURLConnection[1];
		Thread request = new Thread(() -> {
			try {
				HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
				open[0] = connection;
				int left = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000));
				connection.setRequestMethod("POST");
				connection.setConnectTimeout(left);
				connection.setReadTimeout(left);
				ok[0] = connection.getResponseCode() == 200;
				connection.disconnect();
			}
			catch (IOException | RuntimeException ex) {
				// Fall back to a signal.
			}
		}, "portguard-shutdown-request");
		request.setDaemon(true);
		request.start();
		try {
			request.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (request.isAlive()) {
			HttpURLConnection connection = open[0];
			if (connection != null) {
				connection.disconnect();
			}
			return false;
		}
		return ok[0];
	}

	private static boolean isFree(PortRequest request) {
		return PortProbe.bind().probe(request.address(), request.requested()).outcome() == CandidateOutcome.FREE;
	}

}
