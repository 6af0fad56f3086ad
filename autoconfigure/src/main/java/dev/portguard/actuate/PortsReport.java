package dev.portguard.actuate;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.PortHolder;
import dev.portguard.policy.Candidate;
import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.Resolution;
import dev.portguard.policy.ResolutionReport;
import dev.portguard.policy.ResolutionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link PortsDescriptor} from portguard's records, the ports the servers bound and the live view.
 */
public class PortsReport {

	private static final String EXPOSURE_NOTE = "binds every network interface: reachable from other machines "
			+ "unless a firewall stops it";

	private final ManagedPorts ports;

	private final @Nullable BoundPorts boundPorts;

	private final LiveView liveView;

	private final long self = ProcessHandle.current().pid();

	/**
	 * Create a report builder.
	 * @param ports the managed ports
	 * @param boundPorts the ports the web servers bound, or {@code null} in an application without a web server
	 * @param liveView the live view of the host
	 */
	public PortsReport(ManagedPorts ports, @Nullable BoundPorts boundPorts, LiveView liveView) {
		this.ports = ports;
		this.boundPorts = boundPorts;
		this.liveView = liveView;
	}

	/**
	 * Build the report.
	 * @param showDetails whether process details may be shown
	 * @return the report
	 */
	public PortsDescriptor describe(boolean showDetails) {
		ResolutionReport report = this.ports.report();
		Set<Integer> requested = new LinkedHashSet<>();
		for (Resolution resolution : report.resolutions()) {
			if (resolution.requested() > 0) {
				requested.add(resolution.requested());
			}
		}
		LiveView.Snapshot snapshot = this.liveView.snapshot(requested);
		List<PortsDescriptor.Port> described = new ArrayList<>();
		for (Resolution resolution : report.resolutions()) {
			described.add(describe(resolution, snapshot, showDetails));
		}
		List<PortsDescriptor.Listener> listeners = new ArrayList<>();
		if (showDetails) {
			for (PortHolder holder : snapshot.listening()) {
				listeners.add(new PortsDescriptor.Listener(holder.port(), holder.listening(),
						(holder.pid() > 0) ? holder(holder, true) : null));
			}
		}
		long age = Math.max(0, Duration.between(snapshot.at(), Instant.now()).toMillis());
		PortsDescriptor.HostView host = new PortsDescriptor.HostView(
				snapshot.state().name().toLowerCase(Locale.ROOT), age, snapshot.problem(), snapshot.listening().size());
		return new PortsDescriptor(new PortsDescriptor.Policy(report.auto(), report.note()), described, listeners,
				snapshot.at(), host);
	}

	private PortsDescriptor.Port describe(Resolution resolution, LiveView.Snapshot snapshot, boolean showDetails) {
		Integer actual = actual(resolution, snapshot);
		boolean shouldBeBound = resolution.resolved() != -1;
		String status = resolution.status().name().toLowerCase(Locale.ROOT);
		if (shouldBeBound && actual == null && isBindable(resolution)) {
			status = isKnownUnbound(resolution, snapshot) ? "not-bound" : "unknown";
		}
		PortsDescriptor.Holder heldBy = null;
		HolderLookup lookup = snapshot.holders().get(resolution.requested());
		if (lookup != null && lookup.holder() != null && lookup.holder().pid() != this.self) {
			heldBy = holder(lookup.holder(), showDetails);
		}
		List<PortsDescriptor.Candidate> candidates = new ArrayList<>();
		for (Candidate candidate : resolution.candidates()) {
			candidates.add(new PortsDescriptor.Candidate(candidate.port(),
					candidate.source().name().toLowerCase(Locale.ROOT), candidate.outcome().description()));
		}
		InetAddress address = resolution.address();
		String exposure = (address == null || address.isAnyLocalAddress()) ? "all-interfaces"
				: address.isLoopbackAddress() ? "loopback" : "specific";
		return new PortsDescriptor.Port(resolution.name(), resolution.property(), resolution.requested(), actual,
				status, reason(resolution, status, heldBy), (address != null) ? address.getHostAddress() : "*",
				exposure, exposure.equals("all-interfaces") ? EXPOSURE_NOTE : null, policy(resolution), candidates,
				resolution.elapsed().toNanos() / 1_000_000.0, heldBy);
	}

	/**
	 * Return the port a managed port uses now without looking at the host: what its server bound, or the port
	 * portguard resolved for it.
	 * @param name the managed port's name
	 * @return the port, or {@code -1} if the port is not managed
	 */
	public int currentPort(String name) {
		Resolution resolution = this.ports.find(name).orElse(null);
		if (resolution == null) {
			return -1;
		}
		Integer bound = (this.boundPorts != null) ? this.boundPorts.get(name) : null;
		return (bound != null) ? bound : resolution.resolved();
	}

	private @Nullable Integer actual(Resolution resolution, LiveView.Snapshot snapshot) {
		if (this.boundPorts != null
				&& (resolution.name().equals("server") || resolution.name().equals("management"))) {
			return this.boundPorts.get(resolution.name());
		}
		int port = resolution.resolved();
		if (port <= 0) {
			return null;
		}
		Boolean listening = this.ports.isListening(resolution.name()).orElse(null);
		if (listening != null) {
			return listening ? port : null;
		}
		return snapshot.listens(port, this.self) ? port : null;
	}

	/**
	 * Return whether a port is known not to be bound: by the socket portguard bound for it, or by a fresh look at
	 * the host, never by a view that is stale or unknown.
	 */
	private boolean isKnownUnbound(Resolution resolution, LiveView.Snapshot snapshot) {
		if (this.boundPorts != null
				&& (resolution.name().equals("server") || resolution.name().equals("management"))) {
			return true;
		}
		return this.ports.isListening(resolution.name()).isPresent() || snapshot.state() == LiveView.State.FRESH;
	}

	private boolean isBindable(Resolution resolution) {
		return resolution.resolved() > 0 || resolution.status() == ResolutionStatus.RANDOM;
	}

	private String reason(Resolution resolution, String status, PortsDescriptor.@Nullable Holder heldBy) {
		String held = (heldBy == null) ? "" : (heldBy.pid() != null)
				? "; it is held now by " + heldBy.process() + " (pid " + heldBy.pid() + ")"
				: "; it is held now by another process";
		return switch (status) {
			case "preferred" -> "the preferred port was free";
			case "fallback", "ephemeral" -> {
				Candidate first = resolution.candidates().get(0);
				String why = (first.outcome() == CandidateOutcome.CLAIMED)
						? "port " + first.port() + " is claimed by " + first.detail()
						: "port " + first.port() + " was " + first.outcome().description();
				yield why + ((status.equals("ephemeral")) ? "; every candidate was taken, the operating system "
						+ "assigned the port" : "") + held;
			}
			case "random" -> "0 asks the server for a random port";
			case "disabled" -> "-1 disables the port";
			case "not-bound" -> "portguard chose port " + resolution.resolved() + " but nothing in this application "
					+ "listens on it" + held;
			case "unknown" -> "whether this application listens on port " + resolution.resolved() + " cannot be told "
					+ "now: it binds the port itself and the host did not answer in time";
			default -> (resolution.note() != null ? resolution.note() : "left as configured") + held;
		};
	}

	private String policy(Resolution resolution) {
		PortRequest request = this.ports.request(resolution.name()).orElse(null);
		if (request == null) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		if (!request.alternatives().isEmpty()) {
			text.append("alternatives ").append(request.alternatives()).append(", ");
		}
		text.append(request.maxAttempts()).append(" consecutive");
		if (request.range() != null) {
			text.append(", range ").append(request.range());
		}
		text.append(", when exhausted ").append(request.whenExhausted().name().toLowerCase(Locale.ROOT));
		return text.toString();
	}

	private static PortsDescriptor.Holder holder(PortHolder holder, boolean showDetails) {
		if (!showDetails) {
			return new PortsDescriptor.Holder(true, null, null, null, null, null, null, null);
		}
		return new PortsDescriptor.Holder(true, holder.pid(), holder.name(), holder.executable(),
				holder.commandLine(), holder.user(), holder.startedAt(),
				(holder.container() != null) ? holder.container().name() : null);
	}

}
