package dev.portguard.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portguard.holder.ContainerInfo;
import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.OperatingSystem;
import dev.portguard.holder.PortConflictAnalysis;
import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.holder.SafeText;
import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.PortProbe;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.ProbeResult;
import dev.portguard.registry.Instance;
import org.jspecify.annotations.Nullable;

/**
 * The commands about ports: {@code who} names the holder of a port with the remedies the failure analysis gives,
 * {@code check} says of each port whether it is free, and if not, who holds it and which port is free instead.
 */
final class HolderCommands {

	private HolderCommands() {
	}

	static int who(Arguments args, PrintStream out) throws CommandException {
		args.allow("who", false, "--json");
		int port = Arguments.port(args.operands(1, 1, "who <port> [--json]").get(0));
		ProbeResult probe = PortProbe.bind().probe(null, port);
		if (probe.outcome() == CandidateOutcome.FREE) {
			if (args.json()) {
				out.println(JsonWriter.write(free(port)));
			}
			else {
				out.println("Port " + port + " is free.");
			}
			return PortguardCommand.FOUND;
		}
		HolderLookup lookup = PortHolderLocator.forThisMachine().locate(port);
		Instance instance = registered(args, lookup);
		PortConflictAnalysis analysis = new PortConflictAnalysis(port, null, "server.port", lookup, freePort(port),
				false, null, OperatingSystem.current());
		String headline = (probe.outcome() == CandidateOutcome.IN_USE) ? "Port " + port + " is in use."
				: "Port " + port + " cannot be bound: " + probe.outcome().description() + ".";
		if (args.json()) {
			Map<String, Object> json = held(port, probe, lookup);
			json.put("freePort", analysis.freePort());
			json.put("description", analysis.description(headline));
			json.put("action", analysis.action());
			json.put("instance", (instance != null) ? InstanceCommands.toJson(instance) : null);
			out.println(JsonWriter.write(json));
		}
		else {
			out.println(analysis.description(headline));
			if (instance != null) {
				out.println();
				out.println("This is " + instance.application() + ", registered in " + args.registry().getDirectory()
						+ " (" + InstanceCommands.url(instance) + ").");
			}
			out.println();
			out.println("What you can do:");
			out.println(analysis.action());
		}
		return PortguardCommand.NOT_FOUND;
	}

	static int check(Arguments args, PrintStream out) throws CommandException {
		args.allow("check", false, "--json");
		List<String> operands = args.operands(1, Integer.MAX_VALUE, "check <port>... [--json]");
		List<Integer> ports = new ArrayList<>();
		for (String operand : operands) {
			ports.add(Arguments.port(operand));
		}
		PortHolderLocator locator = null;
		List<Object> json = new ArrayList<>();
		List<String[]> rows = new ArrayList<>();
		boolean allFree = true;
		for (int port : ports) {
			ProbeResult probe = PortProbe.bind().probe(null, port);
			if (probe.outcome() == CandidateOutcome.FREE) {
				json.add(free(port));
				rows.add(new String[] { String.valueOf(port), "free", "" });
				continue;
			}
			allFree = false;
			if (locator == null) {
				locator = PortHolderLocator.forThisMachine();
			}
			HolderLookup lookup = locator.locate(port);
			Instance instance = registered(args, lookup);
			Integer next = freePort(port);
			Map<String, Object> entry = held(port, probe, lookup);
			entry.put("freePort", next);
			entry.put("instance", (instance != null) ? InstanceCommands.toJson(instance) : null);
			json.add(entry);
			String state = (probe.outcome() == CandidateOutcome.IN_USE) ? "in use" : probe.outcome().description();
			String by = (instance != null) ? "by " + instance.application() + " (pid " + instance.pid() + ")"
					: holderText(lookup);
			rows.add(new String[] { String.valueOf(port), state + " " + by,
					(next != null) ? "next free: " + next : "no free port near it" });
		}
		if (args.json()) {
			out.println(JsonWriter.write(json));
		}
		else {
			for (String[] row : rows) {
				out.println(String.join("  ", row).strip());
			}
		}
		return allFree ? PortguardCommand.FOUND : PortguardCommand.NOT_FOUND;
	}

	/**
	 * Return the registered instance whose process holds the port, if any.
	 */
	private static @Nullable Instance registered(Arguments args, HolderLookup lookup) throws CommandException {
		PortHolder holder = lookup.holder();
		if (lookup.status() != HolderLookup.Status.FOUND || holder == null) {
			return null;
		}
		return args.registry().instances().stream().filter((each) -> each.pid() == holder.pid()).findFirst()
			.orElse(null);
	}

	private static @Nullable Integer freePort(int port) {
		int free = ManagedPorts.freePort(PortRequest.of("server", "server.port", port, null), List.of());
		return (free > 0) ? free : null;
	}

	private static String holderText(HolderLookup lookup) {
		PortHolder holder = lookup.holder();
		return switch (lookup.status()) {
			case FOUND -> (holder == null) ? "" : (holder.container() != null)
					? "by container " + SafeText.of(holder.container().name()) + " (" + holder.container().runtime()
							+ ", through " + SafeText.of(holder.name()) + " pid " + holder.pid() + ")"
					: "by " + SafeText.of(holder.name()) + " (pid " + holder.pid() + ", " + SafeText.of(holder.listening())
							+ ")";
			case NOT_VISIBLE -> "by a process this user cannot see" + ((lookup.owner() != null)
					? " (owner " + SafeText.of(lookup.owner()) + ")" : "");
			case EXCLUDED -> "(a port range the system keeps)";
			case FREE -> "(no listener: connections in TIME_WAIT?)";
			case UNKNOWN -> "(holder unknown: " + SafeText.of(lookup.detail()) + ")";
		};
	}

	private static Map<String, Object> free(int port) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("port", port);
		json.put("free", true);
		return json;
	}

	private static Map<String, Object> held(int port, ProbeResult probe, HolderLookup lookup) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("port", port);
		json.put("free", false);
		json.put("outcome", probe.outcome().description());
		json.put("status", lookup.status().name());
		List<Object> holders = new ArrayList<>();
		for (PortHolder holder : lookup.holders()) {
			Map<String, Object> each = new LinkedHashMap<>();
			each.put("pid", holder.pid());
			each.put("name", holder.name());
			each.put("executable", holder.executable());
			each.put("user", holder.user());
			each.put("startedAt", (holder.startedAt() != null) ? holder.startedAt().toString() : null);
			each.put("listening", holder.listening());
			ContainerInfo container = holder.container();
			if (container != null) {
				Map<String, Object> info = new LinkedHashMap<>();
				info.put("runtime", container.runtime());
				info.put("id", container.id());
				info.put("name", container.name());
				info.put("image", container.image());
				each.put("container", info);
			}
			holders.add(each);
		}
		json.put("holders", holders);
		if (lookup.owner() != null) {
			json.put("owner", lookup.owner());
		}
		return json;
	}

}
