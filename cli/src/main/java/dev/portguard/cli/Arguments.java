package dev.portguard.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portguard.registry.InstanceRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The command line as given: the command's name, its operands, its options, and, after {@code --}, the command a
 * {@code start} runs. Options go anywhere before {@code --}, as {@code --name value} or {@code --name=value}.
 */
final class Arguments {

	private static final Set<String> WITH_VALUE = Set.of("--registry", "--timeout", "--output");

	private static final Set<String> FLAGS = Set.of("--json", "--help");

	private final List<String> operands;

	private final Map<String, String> options;

	private final List<String> command;

	private final @Nullable String environmentRegistry;

	private Arguments(List<String> operands, Map<String, String> options, List<String> command,
			@Nullable String environmentRegistry) {
		this.operands = operands;
		this.options = options;
		this.command = command;
		this.environmentRegistry = environmentRegistry;
	}

	static Arguments parse(String[] args, @Nullable String environmentRegistry) throws CommandException {
		List<String> operands = new ArrayList<>();
		Map<String, String> options = new LinkedHashMap<>();
		List<String> command = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--")) {
				command.addAll(List.of(args).subList(i + 1, args.length));
				break;
			}
			if (arg.equals("-h")) {
				arg = "--help";
			}
			if (!arg.startsWith("-") || arg.equals("-") || arg.matches("-[0-9]+")) {
				operands.add(arg);
				continue;
			}
			int equals = arg.indexOf('=');
			String name = (equals > 0) ? arg.substring(0, equals) : arg;
			if (FLAGS.contains(name)) {
				if (equals > 0) {
					throw CommandException.usage(name + " takes no value; see portguard --help");
				}
				options.put(name, "");
			}
			else if (WITH_VALUE.contains(name)) {
				if (equals > 0) {
					options.put(name, arg.substring(equals + 1));
				}
				else if (i + 1 < args.length && !args[i + 1].equals("--")) {
					options.put(name, args[++i]);
				}
				else {
					throw CommandException.usage(name + " needs a value; see portguard --help");
				}
			}
			else {
				throw CommandException.usage("unknown option " + name + "; see portguard --help");
			}
		}
		return new Arguments(operands, options, command, environmentRegistry);
	}

	/**
	 * Return the command's name, the first operand, or {@code null} when none was given.
	 */
	@Nullable String name() {
		return this.operands.isEmpty() ? null : this.operands.get(0);
	}

	/**
	 * Return the operands after the command's name, checking their number.
	 */
	List<String> operands(int min, int max, String usage) throws CommandException {
		List<String> operands = this.operands.subList(1, this.operands.size());
		if (operands.size() < min || operands.size() > max) {
			throw CommandException.usage(((operands.size() < min) ? "missing operand" : "too many operands")
					+ "; usage: portguard " + usage);
		}
		return operands;
	}

	/**
	 * Reject the options and the {@code --} command that the named command does not take.
	 */
	void allow(String commandName, boolean takesCommand, String... allowed) throws CommandException {
		for (String option : this.options.keySet()) {
			if (!option.equals("--registry") && !option.equals("--help") && !List.of(allowed).contains(option)) {
				throw CommandException.usage(commandName + " does not take " + option + "; see portguard --help");
			}
		}
		if (!takesCommand && !this.command.isEmpty()) {
			throw CommandException.usage(commandName + " takes no command after --; see portguard --help");
		}
	}

	boolean has(String option) {
		return this.options.containsKey(option);
	}

	boolean json() {
		return has("--json");
	}

	@Nullable String option(String name) {
		return this.options.get(name);
	}

	List<String> command() {
		return this.command;
	}

	InstanceRegistry registry() throws CommandException {
		String directory = this.options.get("--registry");
		if (directory == null && this.environmentRegistry != null && !this.environmentRegistry.isBlank()) {
			directory = this.environmentRegistry;
		}
		if (directory == null) {
			return InstanceRegistry.atDefaultDirectory();
		}
		if (directory.isBlank()) {
			throw CommandException.usage("--registry needs a directory");
		}
		return InstanceRegistry.at(Path.of(directory).toAbsolutePath());
	}

	/**
	 * Return a duration option, such as {@code --timeout 60s}: a whole number with {@code ms}, {@code s} or
	 * {@code m}.
	 */
	Duration duration(String name, Duration defaultValue) throws CommandException {
		String text = this.options.get(name);
		return (text != null) ? duration(name, text) : defaultValue;
	}

	static Duration duration(String name, String text) throws CommandException {
		String number;
		Duration unit;
		if (text.endsWith("ms")) {
			number = text.substring(0, text.length() - 2);
			unit = Duration.ofMillis(1);
		}
		else if (text.endsWith("s")) {
			number = text.substring(0, text.length() - 1);
			unit = Duration.ofSeconds(1);
		}
		else if (text.endsWith("m")) {
			number = text.substring(0, text.length() - 1);
			unit = Duration.ofMinutes(1);
		}
		else {
			number = "";
			unit = Duration.ZERO;
		}
		if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(Character::isDigit)
				|| Long.parseLong(number) == 0) {
			throw CommandException.usage(name + " '" + text + "' is not a duration; use a positive whole number "
					+ "with ms, s or m, such as 500ms, 60s or 2m");
		}
		return unit.multipliedBy(Long.parseLong(number));
	}

	/**
	 * Return a TCP port from 1 to 65535.
	 */
	static int port(String text) throws CommandException {
		if (!text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit)) {
			int port = Integer.parseInt(text);
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		throw CommandException.usage("'" + text + "' is not a port; a port is a number from 1 to 65535");
	}

}
