package dev.portguard.cli;

import java.io.File;
import java.io.PrintStream;
import java.time.Duration;

import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceStartException;

/**
 * {@code portguard start}: return the running instance of an application, starting it with the given command when
 * none runs. Progress goes to the error stream, the URL to the output, so that {@code URL=$(portguard start ...)}
 * keeps only the URL.
 */
final class StartCommand {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private static final String USAGE = "start <application> [--timeout 60s] [--output FILE] -- <command...>";

	private StartCommand() {
	}

	static int run(Arguments args, PrintStream out, PrintStream err) throws CommandException, InterruptedException {
		args.allow("start", true, "--timeout", "--output");
		String application = args.operands(1, 1, USAGE).get(0);
		if (args.command().isEmpty()) {
			throw CommandException.usage("start needs the command that starts " + application + " after --; usage: "
					+ "portguard " + USAGE);
		}
		Duration timeout = args.duration("--timeout", DEFAULT_TIMEOUT);
		ProcessBuilder command = new ProcessBuilder(args.command());
		String output = args.option("--output");
		if (output != null) {
			if (output.isBlank()) {
				throw CommandException.usage("--output needs a file");
			}
			command.redirectErrorStream(true).redirectOutput(new File(output).getAbsoluteFile());
		}
		Instance instance;
		try {
			instance = args.registry().startIfNeeded(application, command, timeout, err::println);
		}
		catch (InstanceStartException ex) {
			throw CommandException.notFound(String.valueOf(ex.getMessage()));
		}
		String url = InstanceCommands.url(instance);
		out.println((url != null) ? url : "pid " + instance.pid());
		return PortguardCommand.FOUND;
	}

}
