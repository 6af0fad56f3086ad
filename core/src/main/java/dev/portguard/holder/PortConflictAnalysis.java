package dev.portguard.holder;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.portguard.policy.PortResolutionException;
import org.jspecify.annotations.Nullable;

/**
 * Writes what portguard knows about a port that is taken: the facts, with values, and the numbered remedies for
 * this operating system. The failure analyses and the {@code portguard} command both print it.
 *
 * @param port the port that is taken
 * @param address the address the application wanted, or {@code null} for every interface
 * @param property the property that asked for the port
 * @param lookup who holds the port
 * @param freePort a port that is free right now under the same policy, or {@code null}
 * @param auto whether portguard's auto-port is on
 * @param javaCommand this application's {@code sun.java.command}, to recognise an earlier instance of it
 * @param os the operating system the remedies are written for
 * @param showCommandLine whether the holder's command line is printed ({@code portguard.analysis.show-command-line});
 * its pid, name, path and user always are
 */
public record PortConflictAnalysis(int port, @Nullable InetAddress address, String property, HolderLookup lookup,
		@Nullable Integer freePort, boolean auto, @Nullable String javaCommand, OperatingSystem os,
		boolean showCommandLine) {

	public PortConflictAnalysis(int port, @Nullable InetAddress address, String property, HolderLookup lookup,
			@Nullable Integer freePort, boolean auto, @Nullable String javaCommand, OperatingSystem os) {
		this(port, address, property, lookup, freePort, auto, javaCommand, os, false);
	}

	/**
	 * Write the facts: who holds the port, with pid, name, path, user, start time and container.
	 * @param headline the first line, such as "Web server failed to start. Port 8080 ... is already in use."
	 * @return the description
	 */
	public String description(String headline) {
		StringBuilder text = new StringBuilder(headline).append("\n\n");
		List<PortHolder> holders = distinctProcesses();
		switch (this.lookup.status()) {
			case FOUND -> {
				if (holders.size() == 1) {
					text.append("Held by ");
					describe(text, holders.get(0), "    ");
				}
				else {
					text.append("Held by ")
						.append(holders.size())
						.append(" processes that share one listening socket; the port is free only when all have ")
						.append("stopped:");
					for (PortHolder holder : holders) {
						text.append("\n  ");
						describe(text, holder, "      ");
					}
				}
				PortHolder holder = holders.get(0);
				KnownHolder known = holder.known().orElse(null);
				ContainerInfo container = holder.container();
				if (container != null) {
					text.append("\n    Container: ")
						.append(SafeText.of(container.name()))
						.append(" (id ")
						.append(SafeText.of(container.id()))
						.append(", image ")
						.append(SafeText.of(container.image()))
						.append("), published by ")
						.append(container.runtime())
						.append(" through ")
						.append(SafeText.of(holder.name()));
				}
				else if (known != null) {
					text.append("\n\nThis is ").append(known.description()).append(": ").append(whatItIs(known));
				}
				if (isSameApplication()) {
					text.append(isStartedBefore(holder) ? "\n\nThis is an earlier instance of this application."
							: "\n\nThis is another instance of this application, started at the same moment as this "
									+ "one or after it.");
				}
			}
			case NOT_VISIBLE -> text.append("The holder is not visible to this user: ")
				.append(SafeText.of(this.lookup.detail()))
				.append(".\nTo see it (").append(this.os.shell()).append("): ")
				.append(this.lookup.manualCommand());
			case FREE -> text.append("No process listens on the port any more: ")
				.append(SafeText.of(this.lookup.detail()))
				.append(". Starting again may succeed.");
			case UNKNOWN -> text.append("portguard could not find the holder (")
				.append(SafeText.of(this.lookup.detail()))
				.append(").\nTo see it (").append(this.os.shell()).append("): ")
				.append(this.lookup.manualCommand());
			case EXCLUDED -> {
				ExcludedPortRange range = this.lookup.excludedRange();
				text.append("No process holds the port: it lies in ports ")
					.append(range.start())
					.append("-")
					.append(range.end())
					.append(", a range Windows keeps from applications")
					.append(range.administered() ? " because an administrator reserved it."
							: " (reserved at boot by the Windows NAT driver for Hyper-V, WSL or Docker).")
					.append(" Windows reports a bind there as \"already in use\".");
			}
		}
		return text.toString();
	}

	private void describe(StringBuilder text, PortHolder holder, String indent) {
		text.append("process ")
			.append(holder.pid())
			.append(" (")
			.append(SafeText.of(holder.name()))
			.append("), listening on ")
			.append(SafeText.of(holder.listening()))
			.append(":\n");
		text.append(indent).append("Path:    ").append(SafeText.of(holder.executable())).append('\n');
		if (this.showCommandLine) {
			text.append(indent).append("Command: ").append(SafeText.commandLine(holder.commandLine())).append('\n');
		}
		text.append(indent).append("User:    ").append(SafeText.of(holder.user())).append('\n');
		text.append(indent).append("Since:   ").append((holder.startedAt() != null) ? holder.startedAt() : "?");
	}

	private String whatItIs(KnownHolder known) {
		return switch (known) {
			case DOCKER_PROXY, DOCKER_DESKTOP, ORBSTACK, PODMAN, ROOTLESSKIT, LIMA ->
				"it forwards port " + this.port + " to a container and serves every container, so stopping it does "
						+ "not help; no running container publishing the port was found (asked: "
						+ String.join(", ", known.runtimes()) + ").";
			case DOCKER_DAEMON -> "the daemon listens on the port itself (its API, set with -H tcp://... or \"hosts\" "
					+ "in daemon.json); it is not a container's port.";
			case WSL_RELAY -> "it forwards port " + this.port + " from a Linux process inside WSL to Windows.";
			case WINDOWS_SYSTEM -> "Windows' kernel HTTP listener (http.sys) holds the port for a service that "
					+ "registered a URL on it (IIS, SSRS, WinRM, ...); the System process cannot be stopped.";
			case WINDOWS_SERVICE_HOST -> "one of the Windows services it hosts listens on the port.";
			case AIRPLAY_RECEIVER -> "AirPlay Receiver listens on the port; macOS starts ControlCenter again at "
					+ "once when it is stopped.";
			case SYSTEMD_SOCKET -> "systemd holds the port for a socket unit and starts its service on the first "
					+ "connection.";
			case OPERATING_SYSTEM -> "the operating system holds the port for one of its services.";
		};
	}

	/**
	 * Write the numbered remedies for this operating system.
	 * @return the remedies
	 */
	public String action() {
		List<String> steps = new ArrayList<>();
		List<PortHolder> holders = distinctProcesses();
		String in = (this.os == OperatingSystem.WINDOWS) ? " (PowerShell)" : "";
		if (this.lookup.status() == HolderLookup.Status.FOUND && !holders.isEmpty()) {
			PortHolder holder = holders.get(0);
			ContainerInfo container = holder.container();
			KnownHolder known = holder.known().orElse(null);
			if (container != null) {
				steps.add(stopContainer(container, in));
			}
			else if (known != null) {
				steps.addAll(remedies(known, in));
			}
			else if (holders.stream().anyMatch((each) -> each.name().equals("?"))) {
				steps.add("Find out what process " + holder.pid() + " is before stopping it" + in + ": "
						+ this.lookup.manualCommand());
			}
			else {
				String[] pids = holders.stream().map((each) -> String.valueOf(each.pid())).toArray(String[]::new);
				String who = isSameApplication() ? ((isStartedBefore(holder) ? "the earlier" : "the other")
						+ " instance of this application that holds the port")
						: (pids.length > 1) ? "every process that shares the port" : "the process that holds the port";
				steps.add("Stop " + who + in + ": " + this.os.stopCommand(pids) + "\n   (if it does not stop: "
						+ this.os.forceStopCommand(holders.stream().map(PortHolder::pid).toList()) + ")");
			}
		}
		else if (this.lookup.status() == HolderLookup.Status.EXCLUDED) {
			steps.addAll(excludedRangeRemedies(this.lookup.excludedRange()));
		}
		else if (this.lookup.status() != HolderLookup.Status.FREE) {
			steps.add("Find the process that holds the port" + in + ": " + this.lookup.manualCommand()
					+ "\n   then, if it is yours to stop: " + this.os.stopCommand("<pid>"));
		}
		if (this.freePort != null) {
			steps.add("Use another port, free right now: --" + this.property + "=" + this.freePort);
		}
		if (!this.auto) {
			steps.add("Let portguard choose a free port at start-up: portguard.auto=true");
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < steps.size(); i++) {
			text.append((i > 0) ? "\n" : "").append(i + 1).append(". ").append(steps.get(i));
		}
		return text.toString();
	}

	/**
	 * Return the step that stops a container. Its name comes from the runtime's output and is quoted for the
	 * shell; a name no quoting makes safe is shown but not put in the command, which then uses the container's id.
	 */
	private String stopContainer(ContainerInfo container, String in) {
		String name = this.os.argument(container.name());
		if (name != null) {
			return "Stop the container that publishes the port" + in + ": " + container.runtime() + " stop " + name;
		}
		String id = this.os.argument(container.id());
		String unsafe = "\n   (its name, " + SafeText.of(container.name()) + ", holds characters that are not safe in "
				+ "a command)";
		if (id != null && id.equals(container.id())) {
			return "Stop the container that publishes the port" + in + ": " + container.runtime() + " stop " + id
					+ unsafe;
		}
		return "Stop the container that publishes the port" + in + ": " + container.runtime() + " stop <name>"
				+ unsafe;
	}

	private List<String> remedies(KnownHolder known, String in) {
		int p = this.port;
		return switch (known) {
			case DOCKER_PROXY, DOCKER_DESKTOP, ORBSTACK, PODMAN, ROOTLESSKIT, LIMA -> {
				List<String> runtimes = known.runtimes();
				String list = runtimes.stream()
					.map((runtime) -> runtime + " ps --format \"table {{.Names}}\\t{{.Ports}}\"")
					.reduce((a, b) -> a + "\n   or: " + b)
					.orElseThrow();
				yield List.of("List the containers and the ports they publish" + in + ": " + list
						+ "\n   then stop the one that publishes " + p + ": " + runtimes.get(0)
						+ " stop <name>\n   (do not stop " + SafeText.of(distinctProcesses().get(0).name())
						+ ": it serves every container)");
			}
			case DOCKER_DAEMON -> List.of("Remove the TCP address on port " + p + " from the Docker daemon's settings "
					+ "(\"hosts\" in daemon.json, or -H in its service) and restart Docker");
			case WSL_RELAY -> List.of(
					"Find the Linux process inside WSL" + in + ": wsl -e sh -c \"ss -ltnp 'sport = :" + p
							+ "'\"\n   and stop it there",
					"Or stop every WSL distribution" + in + ": wsl --shutdown");
			case WINDOWS_SYSTEM -> List.of("As administrator, see which service registered a URL on port " + p + in
					+ ": netsh http show servicestate view=requestq\n   then stop that service: Stop-Service <name>"
					+ " (IIS: Stop-Service W3SVC)");
			case WINDOWS_SERVICE_HOST -> List.of("Find the service" + in + ": tasklist /svc /FI \"PID eq "
					+ distinctProcesses().get(0).pid() + "\"\n   then, as administrator: Stop-Service <name>");
			case AIRPLAY_RECEIVER -> List.of("Switch off AirPlay Receiver: System Settings > General > "
					+ "AirDrop & Handoff > AirPlay Receiver");
			case SYSTEMD_SOCKET -> List.of("Find the socket unit: systemctl list-sockets --all | grep ':" + p
					+ "'\n   then stop it: sudo systemctl stop <unit>.socket");
			case OPERATING_SYSTEM -> List.of("Find the system service that uses the port" + in + ": "
					+ this.lookup.manualCommand() + "\n   and switch it off in the system's settings");
		};
	}

	private List<String> excludedRangeRemedies(ExcludedPortRange range) {
		List<String> steps = new ArrayList<>();
		if (range.administered()) {
			steps.add("If you do not need the reservation, as administrator (PowerShell): netsh int ipv4 delete "
					+ "excludedportrange protocol=tcp startport=" + range.start() + " numberofports=" + range.size());
		}
		else {
			steps.add("As administrator (PowerShell), make the NAT driver give the range up: net stop winnat"
					+ "\n   keep port " + this.port + " for yourself: netsh int ipv4 add excludedportrange protocol=tcp"
					+ " startport=" + this.port + " numberofports=1 store=persistent"
					+ "\n   then: net start winnat\n   (a range you reserve keeps the NAT driver from taking the port;"
					+ " programs can still bind it)");
		}
		steps.add("See every excluded range: netsh interface ipv4 show excludedportrange protocol=tcp");
		return steps;
	}

	/**
	 * Return the holders, one per process: a process listening on IPv4 and IPv6 is listed once.
	 */
	private List<PortHolder> distinctProcesses() {
		List<PortHolder> distinct = new ArrayList<>();
		for (PortHolder holder : this.lookup.holders()) {
			if (distinct.stream().noneMatch((seen) -> seen.pid() == holder.pid())) {
				distinct.add(holder);
			}
		}
		return distinct;
	}

	/**
	 * Return where the port was asked for, such as {@code Port 8080 on 127.0.0.1 (server.port)}.
	 * @return the port and address
	 */
	public String where() {
		return "Port " + this.port + " on " + PortResolutionException.addressText(this.address) + " ("
				+ this.property + ")";
	}

	/**
	 * Return whether a holder started before this process: only then is it an earlier instance rather than a
	 * sibling started at the same moment.
	 */
	private static boolean isStartedBefore(PortHolder holder) {
		Instant started = holder.startedAt();
		Instant self = ProcessHandle.current().info().startInstant().orElse(null);
		// Start times are kept in clock ticks (10 ms) on Linux: a second apart is clearly earlier.
		return started != null && self != null && started.plusSeconds(1).isBefore(self);
	}

	private boolean isSameApplication() {
		PortHolder holder = this.lookup.holder();
		return holder != null && holder.isSameApplicationAs(this.javaCommand, ProcessHandle.current().pid());
	}

}
