package dev.portguard.cli;

/**
 * Ends a command with an exit code and one line for its user: {@code 1} when what was asked for is not there (no
 * such instance, a port that is held), {@code 2} when the command line itself is wrong.
 */
final class CommandException extends Exception {

	private final int exitCode;

	CommandException(int exitCode, String message) {
		super(message, null, false, false);
		this.exitCode = exitCode;
	}

	static CommandException usage(String message) {
		return new CommandException(PortguardCommand.USAGE_ERROR, message);
	}

	static CommandException notFound(String message) {
		return new CommandException(PortguardCommand.NOT_FOUND, message);
	}

	int exitCode() {
		return this.exitCode;
	}

}
