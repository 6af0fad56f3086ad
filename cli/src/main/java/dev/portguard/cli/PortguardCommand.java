package dev.portguard.cli;

import java.io.PrintStream;

import org.jspecify.annotations.Nullable;

/**
 * The {@code portguard} command: which instances run where ({@code ps}, {@code url}, {@code port}, {@code wait}),
 * who holds a port ({@code who}, {@code check}), and starting a server when none runs ({@code start}). Exit codes:
 * {@value #FOUND} found or free, {@value #NOT_FOUND} not found or held, {@value #USAGE_ERROR} a wrong command line;
 * every error is one line on the error stream.
 */
public final class PortguardCommand {

	static final int FOUND = 0;

	static final int NOT_FOUND = 1;

	static final int USAGE_ERROR = 2;

	static final String USAGE = """
			Usage: portguard <command> [options]

			Commands:
			  ps                          every running instance: application, pid, ports, URL, uptime
			  url <application>           the URL of an application's web server, such as http://127.0.0.1:8081
			  port <application> [name]   one of its ports by name (default: server)
			  wait <application>          wait until an instance is up and accepting, then print its URL
			  who <port>                  who holds a port, and what to do about it
			  check <port>...             whether each port is free; if not, who holds it and the next free port
			  start <application> -- <command...>
			                              print the URL of the running instance, or start one with the command
			                              (progress on the error stream) and print its URL once it is up
			  help                        this text

			Options:
			  --registry DIR   the instance registry (default: $PORTGUARD_REGISTRY, else ~/.portguard/instances)
			  --json           one line of JSON, for scripts (ps, url, port, wait, who, check)
			  --timeout T      how long start (60s) or wait (30s) may take: 500ms, 60s, 2m
			  --output FILE    where start sends the started command's output (default: <application>.out in the
			                   registry directory)
			  --help           this text

			Exit codes: 0 found or free, 1 not found or held (or the start failed), 2 wrong command line.

			Example: curl "$(portguard url orders)/api"
			""";

	private PortguardCommand() {
	}

	/**
	 * Run the command and exit with its code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err, System.getenv("PORTGUARD_REGISTRY")));
	}

	static int run(String[] args, PrintStream out, PrintStream err, @Nullable String environmentRegistry) {
		try {
			Arguments arguments = Arguments.parse(args, environmentRegistry);
			String name = arguments.name();
			if (name == null || name.equals("help") || arguments.has("--help")) {
				if (name == null && !arguments.has("--help")) {
					throw CommandException.usage("no command given; see portguard --help");
				}
				out.print(USAGE);
				return FOUND;
			}
			return switch (name) {
				case "ps" -> InstanceCommands.ps(arguments, out);
				case "url" -> InstanceCommands.url(arguments, out);
				case "port" -> InstanceCommands.port(arguments, out);
				case "wait" -> InstanceCommands.await(arguments, out);
				case "who" -> HolderCommands.who(arguments, out);
				case "check" -> HolderCommands.check(arguments, out);
				case "start" -> StartCommand.run(arguments, out, err);
				default -> throw CommandException.usage("unknown command '" + name + "'; see portguard --help");
			};
		}
		catch (CommandException ex) {
			err.println("portguard: " + ex.getMessage());
			return ex.exitCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("portguard: interrupted");
			return NOT_FOUND;
		}
		catch (Exception | Error ex) {
			// Never a stack trace: one line, naming the failure.
			err.println("portguard: " + oneLine(ex.toString()));
			return NOT_FOUND;
		}
		finally {
			out.flush();
		}
	}

	private static String oneLine(String text) {
		int end = text.indexOf('\n');
		return (end < 0) ? text : text.substring(0, end);
	}

}
