package dev.portguard.holder;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A process that holds a TCP port, as far as this machine lets portguard see it. Every text in it comes from
 * another process and is bounded here: the command line is masked and cut by {@link CommandLines#keep}, names and
 * paths are cut at {@value #MAX_TEXT} characters. It is not escaped: whoever prints it escapes it for where it goes.
 *
 * @param pid the process id
 * @param name the process name, such as {@code python3}
 * @param executable the path of the executable, if visible
 * @param commandLine the command line, if visible
 * @param user the user the process runs as, if known
 * @param startedAt when the process started, if known
 * @param listening the address and port the socket listens on, such as {@code 0.0.0.0:8080}
 * @param container the container published through this process, if it is a container runtime's proxy
 */
public record PortHolder(long pid, String name, @Nullable String executable, @Nullable String commandLine,
		@Nullable String user, @Nullable Instant startedAt, String listening, @Nullable ContainerInfo container) {

	/**
	 * The most characters kept of a process name, path or user name.
	 */
	public static final int MAX_TEXT = 1024;

	/**
	 * Create a holder, bounding and masking what came from the process.
	 * @param pid the process id
	 * @param name the process name
	 * @param executable the path of the executable
	 * @param commandLine the command line
	 * @param user the user
	 * @param startedAt when the process started
	 * @param listening the address and port the socket listens on
	 * @param container the container published through this process
	 */
	public PortHolder {
		name = bounded(name);
		executable = (executable != null) ? bounded(executable) : null;
		commandLine = CommandLines.keep(commandLine);
		user = (user != null) ? bounded(user) : null;
	}

	private static String bounded(String text) {
		return (text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT - 1) + "\u2026";
	}

	/**
	 * Mask the values of secret-looking arguments in a command line, such as {@code --password=...}.
	 * @param commandLine the command line, or {@code null}
	 * @return the masked command line, or {@code null}
	 * @see CommandLines#mask(String)
	 */
	public static @Nullable String maskSecrets(@Nullable String commandLine) {
		return (commandLine != null) ? CommandLines.mask(commandLine) : null;
	}

	/**
	 * Return the port of the listening address.
	 * @return the port
	 */
	public int port() {
		return Integer.parseInt(this.listening.substring(this.listening.lastIndexOf(':') + 1));
	}

	/**
	 * Return what this process is, if it is one that holds ports on behalf of something else.
	 * @return the known holder, if recognised
	 */
	public Optional<KnownHolder> known() {
		return KnownHolder.of(this);
	}

	/**
	 * Return whether this process is a container runtime's helper that forwards a port to a container.
	 * @return whether a container may be behind it
	 */
	public boolean isContainerProxy() {
		Optional<KnownHolder> known = known();
		return known.isPresent() && known.get().kind() == KnownHolder.Kind.CONTAINER_FORWARDER;
	}

	/**
	 * Return a copy that names the container behind this proxy.
	 * @param container the container
	 * @return a new holder
	 */
	public PortHolder withContainer(@Nullable ContainerInfo container) {
		return new PortHolder(this.pid, this.name, this.executable, this.commandLine, this.user, this.startedAt,
				this.listening, container);
	}

	/**
	 * Return whether this holder runs the same application as the given command: the same main class or jar.
	 * @param javaCommand the {@code sun.java.command} of the application asking (main class or jar, then
	 * arguments)
	 * @param self the process asking
	 * @return whether the holder is another instance of the same application
	 */
	public boolean isSameApplicationAs(@Nullable String javaCommand, long self) {
		if (javaCommand == null || javaCommand.isBlank() || this.commandLine == null || this.pid == self) {
			return false;
		}
		String main = javaCommand.trim().split("\\s+")[0];
		if (main.endsWith(".jar")) {
			String jarName = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
			return this.commandLine.contains(jarName);
		}
		return this.commandLine.contains(" " + main) || this.commandLine.endsWith(main);
	}

}
