package dev.portguard.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The commands that read the instance registry: {@code ps}, {@code url}, {@code port} and {@code wait}.
 */
final class InstanceCommands {

	private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

	private InstanceCommands() {
	}

	static int ps(Arguments args, PrintStream out) throws CommandException {
		args.allow("ps", false, "--json");
		args.operands(0, 0, "ps [--json]");
		InstanceRegistry registry = args.registry();
		List<Instance> instances = registry.instances();
		if (args.json()) {
			out.println(JsonWriter.write(instances.stream().map(InstanceCommands::toJson).toList()));
		}
		else if (!instances.isEmpty()) {
			List<String[]> rows = new ArrayList<>();
			rows.add(new String[] { "APPLICATION", "PID", "PORTS", "URL", "UPTIME" });
			for (Instance instance : instances) {
				rows.add(new String[] { instance.application(), String.valueOf(instance.pid()), ports(instance),
						orDash(url(instance)), uptime(instance) });
			}
			printTable(rows, out);
		}
		if (instances.isEmpty()) {
			throw CommandException.notFound("no running instances registered in " + where(registry));
		}
		return PortguardCommand.FOUND;
	}

	static int url(Arguments args, PrintStream out) throws CommandException {
		args.allow("url", false, "--json");
		String application = args.operands(1, 1, "url <application> [--json]").get(0);
		Instance instance = find(args.registry(), application);
		String url = url(instance);
		if (url == null) {
			throw CommandException.notFound(application + " (pid " + instance.pid() + ") has no web server; its ports: "
					+ ports(instance));
		}
		print(args, out, url, instance);
		return PortguardCommand.FOUND;
	}

	static int port(Arguments args, PrintStream out) throws CommandException {
		args.allow("port", false, "--json");
		List<String> operands = args.operands(1, 2, "port <application> [name] [--json]");
		String application = operands.get(0);
		String name = (operands.size() > 1) ? operands.get(1) : "server";
		Instance instance = find(args.registry(), application);
		OptionalInt port = instance.port(name);
		if (port.isEmpty()) {
			throw CommandException.notFound(application + " (pid " + instance.pid() + ") has no port named '" + name
					+ "'; its ports: " + ports(instance));
		}
		if (args.json()) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("application", application);
			json.put("name", name);
			json.put("port", port.getAsInt());
			json.put("pid", instance.pid());
			out.println(JsonWriter.write(json));
		}
		else {
			out.println(port.getAsInt());
		}
		return PortguardCommand.FOUND;
	}

	static int await(Arguments args, PrintStream out) throws CommandException, InterruptedException {
		args.allow("wait", false, "--json", "--timeout");
		String application = args.operands(1, 1, "wait <application> [--timeout 30s] [--json]").get(0);
		Duration timeout = args.duration("--timeout", DEFAULT_WAIT);
		Instance instance;
		try {
			instance = args.registry().awaitInstance(application, timeout);
		}
		catch (TimeoutException ex) {
			throw CommandException.notFound(String.valueOf(ex.getMessage()));
		}
		print(args, out, orDash(url(instance)), instance);
		return PortguardCommand.FOUND;
	}

	private static void print(Arguments args, PrintStream out, String url, Instance instance) {
		if (args.json()) {
			out.println(JsonWriter.write(toJson(instance)));
		}
		else {
			out.println(url);
		}
	}

	private static Instance find(InstanceRegistry registry, String application) throws CommandException {
		return registry.find(application)
			.orElseThrow(() -> CommandException.notFound("no running instance of " + application + " in "
					+ where(registry)));
	}

	private static String where(InstanceRegistry registry) {
		String problem = registry.problem();
		return registry.getDirectory() + ((problem != null) ? " (the registry is not used: " + problem + ")" : "");
	}

	static @Nullable String url(Instance instance) {
		if (instance.baseUrl() != null) {
			return instance.baseUrl();
		}
		OptionalInt server = instance.port("server");
		return server.isPresent() ? "http://127.0.0.1:" + server.getAsInt() : null;
	}

	static Map<String, Object> toJson(Instance instance) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("application", instance.application());
		json.put("pid", instance.pid());
		json.put("ports", new TreeMap<>(instance.ports()));
		json.put("url", url(instance));
		json.put("startedAt", instance.startedAt().toString());
		json.put("uptimeSeconds", Math.max(0, Duration.between(instance.startedAt(), Instant.now()).toSeconds()));
		json.put("id", instance.id());
		json.put("user", instance.user());
		json.put("main", instance.main());
		return json;
	}

	private static String ports(Instance instance) {
		List<String> ports = new ArrayList<>();
		instance.ports().entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> ports.add(entry.getKey() + "=" + entry.getValue()));
		return ports.isEmpty() ? "-" : String.join(" ", ports);
	}

	static String uptime(Instance instance) {
		long seconds = Math.max(0, Duration.between(instance.startedAt(), Instant.now()).toSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m " + two(seconds % 60) + "s";
		}
		if (seconds < 86400) {
			return (seconds / 3600) + "h " + two(seconds % 3600 / 60) + "m";
		}
		return (seconds / 86400) + "d " + two(seconds % 86400 / 3600) + "h";
	}

	private static String two(long value) {
		return (value < 10) ? "0" + value : String.valueOf(value);
	}

	private static String orDash(@Nullable String text) {
		return (text != null) ? text : "-";
	}

	static void printTable(List<String[]> rows, PrintStream out) {
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append(row[i]);
				if (i < row.length - 1) {
					line.append(" ".repeat(widths[i] - row[i].length() + 2));
				}
			}
			out.println(line);
		}
	}

}
