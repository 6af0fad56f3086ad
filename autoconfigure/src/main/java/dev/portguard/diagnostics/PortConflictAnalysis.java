package dev.portguard.diagnostics;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import dev.portguard.holder.ContainerInfo;
import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.OperatingSystem;
import dev.portguard.holder.PortHolder;
import dev.portguard.policy.PortResolutionException;
import org.jspecify.annotations.Nullable;

/**
 * Writes what portguard knows about a port that is taken: the facts, with values, and the numbered remedies for
 * this operating system.
 *
 * @param port the port that is taken
 * @param address the address the application wanted, or {@code null} for every interface
 * @param property the property that asked for the port
 * @param lookup who holds the port
 * @param freePort a port that is free right now under the same policy, or {@code null}
 * @param auto whether portguard's auto-port is on
 * @param javaCommand this application's {@code sun.java.command}, to recognise an earlier instance of it
 * @param os the operating system the remedies are written for
 */
record PortConflictAnalysis(int port, @Nullable InetAddress address, String property, HolderLookup lookup,
		@Nullable Integer freePort, boolean auto, @Nullable String javaCommand, OperatingSystem os) {

	String description(String headline) {
		StringBuilder text = new StringBuilder(headline).append("\n\n");
		PortHolder holder = this.lookup.holder();
		switch (this.lookup.status()) {
			case FOUND -> {
				text.append("Held by process ")
					.append(holder.pid())
					.append(" (")
					.append(SafeText.of(holder.name()))
					.append("), listening on ")
					.append(SafeText.of(holder.listening()))
					.append(":\n");
				text.append("    Path:    ").append(SafeText.of(holder.executable())).append('\n');
				text.append("    Command: ").append(SafeText.commandLine(holder.commandLine())).append('\n');
				text.append("    User:    ").append(SafeText.of(holder.user())).append('\n');
				text.append("    Since:   ").append((holder.startedAt() != null) ? holder.startedAt() : "?");
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
				else if (holder.isContainerProxy()) {
					text.append("\n    This is a container runtime's proxy; no running container publishing port ")
						.append(this.port)
						.append(" was found (docker ps --filter publish=")
						.append(this.port)
						.append(").");
				}
				if (isEarlierInstance()) {
					text.append("\n\nThis is an earlier instance of this application.");
				}
			}
			case NOT_VISIBLE -> text.append("The holder is not visible to this user: ")
				.append(SafeText.of(this.lookup.detail()))
				.append(".\nTo see it: ")
				.append(this.lookup.manualCommand());
			case FREE -> text.append("No process listens on the port any more: ")
				.append(SafeText.of(this.lookup.detail()))
				.append(". Starting again may succeed.");
			case UNKNOWN -> text.append("portguard could not find the holder (")
				.append(SafeText.of(this.lookup.detail()))
				.append(").\nTo see it: ")
				.append(this.lookup.manualCommand());
		}
		return text.toString();
	}

	String action() {
		List<String> steps = new ArrayList<>();
		PortHolder holder = this.lookup.holder();
		if (this.lookup.status() == HolderLookup.Status.FOUND && holder != null) {
			ContainerInfo container = holder.container();
			if (container == null) {
				String who = isEarlierInstance() ? "the earlier instance of this application" : "the process";
				steps.add("Stop " + who + " that holds the port: " + this.os.stopCommand(holder.pid())
						+ "\n   (if it does not stop: " + this.os.forceStopCommand(holder.pid()) + ")");
			}
			else {
				steps.add("Stop the container that publishes the port: " + container.runtime() + " stop "
						+ SafeText.of(container.name()));
			}
		}
		else if (this.lookup.status() != HolderLookup.Status.FREE) {
			steps.add("Find the process that holds the port: " + this.lookup.manualCommand() + "\n   then stop it: "
					+ this.os.stopCommand("<pid>"));
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

	String where() {
		return "Port " + this.port + " on " + PortResolutionException.addressText(this.address) + " ("
				+ this.property + ")";
	}

	private boolean isEarlierInstance() {
		PortHolder holder = this.lookup.holder();
		return holder != null && holder.isSameApplicationAs(this.javaCommand, ProcessHandle.current().pid());
	}

}
