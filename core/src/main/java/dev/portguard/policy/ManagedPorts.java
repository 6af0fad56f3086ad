package dev.portguard.policy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The live state of every managed port of one application: the current {@link Resolution} of each, the
 * reservations still held, and the bind-time retry that moves a port whose bind failed to its next candidate.
 */
public final class ManagedPorts {

	private final boolean auto;

	private final @Nullable String note;

	private final @Nullable PortResolver resolver;

	private final Map<String, Object> bound = new HashMap<>();

	private final Map<String, Resolution> resolutions = new LinkedHashMap<>();

	private final Map<String, PortRequest> requests = new LinkedHashMap<>();

	private final List<BiConsumer<Integer, Resolution>> moveListeners = new CopyOnWriteArrayList<>();

	private ManagedPorts(boolean auto, List<PortRequest> requests, List<Resolution> resolutions,
			@Nullable String note, @Nullable PortResolver resolver) {
		this.auto = auto;
		this.note = note;
		this.resolver = resolver;
		for (PortRequest request : requests) {
			this.requests.put(request.name(), request);
		}
		for (Resolution resolution : resolutions) {
			this.resolutions.put(resolution.name(), resolution);
		}
	}

	/**
	 * Resolve managed ports, holding each chosen port until {@link #release(String)}.
	 * @param requests the managed ports
	 * @param probe the probe to use
	 * @return the managed ports
	 * @throws InvalidPortConfigurationException if two requests ask for the same port
	 * @throws PortResolutionException if a request cannot be given a port
	 */
	public static ManagedPorts resolve(List<PortRequest> requests, PortProbe probe) {
		PortResolver resolver = new PortResolver(probe, true);
		return new ManagedPorts(true, requests, resolver.resolve(requests), null, resolver);
	}

	/**
	 * Record managed ports that are left as configured.
	 * @param requests the managed ports
	 * @param auto whether auto-port was on
	 * @param why why the ports are left alone, recorded on every port
	 * @param note why portguard stood down, for the report, or {@code null}
	 * @return the managed ports
	 */
	public static ManagedPorts fixed(List<PortRequest> requests, boolean auto, String why, @Nullable String note) {
		List<Resolution> resolutions = new ArrayList<>(requests.size());
		for (PortRequest request : requests) {
			resolutions.add(Resolution.fixed(request, why));
		}
		return new ManagedPorts(auto, requests, resolutions, note, null);
	}

	/**
	 * Return a snapshot of every managed port's record.
	 * @return the report
	 */
	public synchronized ResolutionReport report() {
		return new ResolutionReport(this.auto, new ArrayList<>(this.resolutions.values()), this.note);
	}

	/**
	 * Return the current record of one managed port.
	 * @param name the managed port's name
	 * @return the record, if that port is managed
	 */
	public synchronized Optional<Resolution> find(String name) {
		return Optional.ofNullable(this.resolutions.get(name));
	}

	/**
	 * Return the configuration of one managed port.
	 * @param name the managed port's name
	 * @return the request, if that port is managed
	 */
	public synchronized Optional<PortRequest> request(String name) {
		return Optional.ofNullable(this.requests.get(name));
	}

	/**
	 * Return the managed port whose current or requested port is the given one, if any.
	 * @param port the port
	 * @return the record
	 */
	public synchronized Optional<Resolution> findByPort(int port) {
		Optional<Resolution> resolved = this.resolutions.values()
			.stream()
			.filter((resolution) -> resolution.resolved() == port)
			.findFirst();
		return resolved.isPresent() ? resolved
				: this.resolutions.values().stream().filter((resolution) -> resolution.requested() == port).findFirst();
	}

	/**
	 * Find a port that is free right now under a port's policy, skipping the ports the other managed ports use.
	 * Nothing is held.
	 * @param request the port's configuration
	 * @return the port, or {@code -1} if the policy has none free
	 */
	public synchronized int freePort(PortRequest request) {
		List<PortRequest> requests = new ArrayList<>();
		for (Resolution resolution : this.resolutions.values()) {
			if (!resolution.name().equals(request.name()) && resolution.resolved() > 0
					&& resolution.resolved() != request.requested()) {
				requests.add(PortRequest.of(resolution.name(), resolution.property(), resolution.resolved(),
						resolution.address()));
			}
		}
		return freePort(request, requests);
	}

	/**
	 * Find a port that is free right now under a port's policy. Nothing is held.
	 * @param request the port's configuration
	 * @param others other ports to keep clear of
	 * @return the port, or {@code -1} if the policy has none free
	 */
	public static int freePort(PortRequest request, List<PortRequest> others) {
		List<PortRequest> all = new ArrayList<>();
		for (PortRequest other : others) {
			if (other.requested() != request.requested()) {
				all.add(new PortRequest(other.name(), other.property(), other.requested(), other.address(), List.of(),
						1, null, WhenExhausted.FAIL));
			}
		}
		all.add(request);
		try {
			List<Resolution> resolutions = new PortResolver(PortProbe.bind(), false).resolve(all);
			return resolutions.get(resolutions.size() - 1).resolved();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Return the managed port that portguard chose a given port for, if any.
	 * @param port the port
	 * @return the record, if portguard resolved that port
	 */
	public synchronized Optional<Resolution> findResolved(int port) {
		if (this.resolver == null || port <= 0) {
			return Optional.empty();
		}
		return this.resolutions.values()
			.stream()
			.filter((resolution) -> resolution.resolved() == port && resolution.isResolvedByPolicy())
			.findFirst();
	}

	/**
	 * Move a managed port whose bind failed with "in use" to the next candidate of its policy, and tell the
	 * {@link #onMove(BiConsumer) move listeners}.
	 * @param name the managed port's name
	 * @param detail why the bind failed
	 * @return the new record; its port is held until {@link #release(String)}
	 * @throws PortResolutionException if no candidate is left
	 * @throws IllegalStateException if the port is not resolved by portguard
	 */
	public synchronized Resolution rebind(String name, String detail) {
		Resolution current = this.resolutions.get(name);
		if (this.resolver == null || current == null || !current.isResolvedByPolicy()) {
			throw new IllegalStateException("'" + name + "' is not resolved by portguard");
		}
		Resolution next = this.resolver.rebind(current, detail);
		this.resolutions.put(name, next);
		for (BiConsumer<Integer, Resolution> listener : this.moveListeners) {
			listener.accept(current.resolved(), next);
		}
		return next;
	}

	/**
	 * Be told every time a managed port moves after start-up began, because another process took its port between
	 * resolution and the bind.
	 * @param listener receives the port that was taken and the new record
	 */
	public void onMove(BiConsumer<Integer, Resolution> listener) {
		this.moveListeners.add(listener);
	}

	/**
	 * Bind a managed port of your own: release portguard's reservation right before the bind and, when another
	 * process took the port since portguard chose it, move to the next candidate of its policy and bind again. A
	 * port that portguard left as configured is bound once, as it is.
	 * @param <T> what a successful bind gives
	 * @param name the managed port's name
	 * @param binder binds the port it is given
	 * @return what the successful bind gave
	 * @throws IOException if the bind fails for another reason than "in use", or the port portguard left as
	 * configured is in use
	 * @throws PortResolutionException if every candidate of the policy is taken
	 * @throws IllegalArgumentException if no managed port has that name
	 */
	public <T> T bind(String name, PortBinder<T> binder) throws IOException {
		Resolution current = find(name)
			.orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a managed port"));
		while (true) {
			release(name);
			try {
				T bound = binder.bind(current.resolved());
				synchronized (this) {
					this.bound.put(name, (bound != null) ? bound : Boolean.TRUE);
				}
				return bound;
			}
			catch (IOException ex) {
				String inUse = BindFailures.inUse(ex);
				if (inUse == null || this.resolver == null || !current.isResolvedByPolicy()) {
					throw ex;
				}
				current = rebind(name, inUse);
			}
		}
	}

	/**
	 * Return whether a managed port bound through {@link #bind(String, PortBinder)} still listens, known from what
	 * the bind gave rather than from a look at the host: a {@link ServerSocket} or a {@link Channel} listens while it
	 * is open; anything else is taken to listen once bound.
	 * @param name the managed port's name
	 * @return whether it listens, or empty if it was not bound through {@code bind}
	 */
	public synchronized Optional<Boolean> isListening(String name) {
		Object bound = this.bound.get(name);
		if (bound == null) {
			return Optional.empty();
		}
		if (bound instanceof ServerSocket socket) {
			return Optional.of(socket.isBound() && !socket.isClosed());
		}
		if (bound instanceof Channel channel) {
			return Optional.of(channel.isOpen());
		}
		return Optional.of(true);
	}

	/**
	 * Return whether a managed port's chosen port is still held.
	 * @param name the managed port's name
	 * @return whether it is held
	 */
	public boolean isReserved(String name) {
		Reservation reservation = (this.resolver != null) ? this.resolver.reservation(name) : null;
		return reservation != null && reservation.isHeld();
	}

	/**
	 * Release the port held for one managed port, right before its owner binds it.
	 * @param name the managed port's name
	 */
	public void release(String name) {
		if (this.resolver != null) {
			this.resolver.release(name);
		}
	}

	/**
	 * Release every port still held.
	 */
	public void releaseAll() {
		if (this.resolver != null) {
			this.resolver.releaseAll();
		}
	}

	/**
	 * Return whether auto-port was on.
	 * @return whether ports may move
	 */
	public boolean isAuto() {
		return this.auto;
	}

}
