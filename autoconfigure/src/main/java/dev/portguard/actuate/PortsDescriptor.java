package dev.portguard.actuate;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code ports} endpoint's response: the policy in force, every managed port, and the host's listening ports.
 *
 * @param policy the policy in force
 * @param ports every managed port
 * @param systemPorts the host's listening TCP ports ("system ports currently in use"), only when process details
 * are shown: they name other users' addresses and ports
 * @param observedAt when the host was last looked at
 * @param host how fresh the view of the host is
 */
public record PortsDescriptor(Policy policy, List<Port> ports, List<Listener> systemPorts, Instant observedAt,
		@Nullable HostView host) {

	/**
	 * Create a descriptor without saying how fresh the view of the host is.
	 * @param policy the policy in force
	 * @param ports every managed port
	 * @param systemPorts the host's listening TCP ports
	 * @param observedAt when the host was last looked at
	 */
	public PortsDescriptor(Policy policy, List<Port> ports, List<Listener> systemPorts, Instant observedAt) {
		this(policy, ports, systemPorts, observedAt, null);
	}

	/**
	 * How fresh the view of the host is.
	 *
	 * @param state {@code fresh}; {@code stale} when the host did not answer in time and an older view is shown;
	 * {@code unknown} when it has not answered yet
	 * @param ageMillis how old the view is
	 * @param problem why it is stale or unknown
	 * @param listeners how many listening sockets the host has, also when they are not listed (process details
	 * hidden)
	 */
	public record HostView(String state, long ageMillis, @Nullable String problem, int listeners) {
	}

	/**
	 * The policy in force.
	 *
	 * @param auto whether ports move when taken
	 * @param note why portguard stood down, if it did
	 */
	public record Policy(boolean auto, @Nullable String note) {
	}

	/**
	 * One managed port.
	 *
	 * @param name the managed port's name
	 * @param property the property that carries it
	 * @param requested the port asked for
	 * @param actual the port bound now, or {@code null} if it is not bound
	 * @param status {@code preferred}, {@code fallback}, {@code ephemeral}, {@code random}, {@code disabled},
	 * {@code fixed}, {@code not-bound}, or {@code unknown} when whether it is bound cannot be told now (a port this
	 * application binds itself, and the host did not answer in time)
	 * @param reason why the port is what it is
	 * @param address the bind address, {@code *} for every interface
	 * @param exposure {@code loopback}, {@code all-interfaces} or {@code specific}
	 * @param exposureNote a note when the port is reachable from other machines
	 * @param policy the candidates this port's policy offers: alternatives, next ports, range
	 * @param candidates every port tried, in order, with what the probe found
	 * @param resolutionMillis how long choosing the port took
	 * @param heldBy who holds the requested port now, when this application does not
	 */
	public record Port(String name, String property, int requested, @Nullable Integer actual, String status,
			String reason, String address, String exposure, @Nullable String exposureNote, String policy,
			List<Candidate> candidates, double resolutionMillis, @Nullable Holder heldBy) {
	}

	/**
	 * One port tried.
	 *
	 * @param port the port
	 * @param source where in the policy it comes from
	 * @param outcome what the probe found
	 */
	public record Candidate(int port, String source, String outcome) {
	}

	/**
	 * A process holding a port. Without the right to see details, only {@code held} is given.
	 *
	 * @param held whether the port is held
	 * @param pid the process id
	 * @param process the process name
	 * @param path the executable
	 * @param commandLine the command line, secrets masked
	 * @param user the user
	 * @param since when the process started
	 * @param container the container published through this process
	 */
	public record Holder(boolean held, @Nullable Long pid, @Nullable String process, @Nullable String path,
			@Nullable String commandLine, @Nullable String user, @Nullable Instant since, @Nullable String container) {
	}

	/**
	 * A listening socket of the host.
	 *
	 * @param port the port
	 * @param address the listening address
	 * @param holder its process, when details may be shown
	 */
	public record Listener(int port, String address, @Nullable Holder holder) {
	}

}
