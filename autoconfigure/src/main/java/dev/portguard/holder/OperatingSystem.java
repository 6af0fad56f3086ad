package dev.portguard.holder;

import java.util.Locale;

/**
 * The operating system families portguard knows how to inspect and give commands for.
 */
public enum OperatingSystem {

	/**
	 * Linux: holders are read from {@code /proc}.
	 */
	LINUX,

	/**
	 * macOS and the BSDs: holders are read from {@code lsof}.
	 */
	MAC,

	/**
	 * Windows: holders are read from {@code netstat}.
	 */
	WINDOWS;

	/**
	 * Return the operating system this JVM runs on.
	 * @return the operating system
	 */
	public static OperatingSystem current() {
		return of(System.getProperty("os.name", ""));
	}

	static OperatingSystem of(String osName) {
		String name = osName.toLowerCase(Locale.ROOT);
		if (name.startsWith("windows")) {
			return WINDOWS;
		}
		if (name.contains("linux")) {
			return LINUX;
		}
		return MAC;
	}

	/**
	 * Return the command that shows who listens on a port, with the privilege it needs to see every user's
	 * processes.
	 * @param port the port
	 * @return the command
	 */
	public String showHolderCommand(int port) {
		return switch (this) {
			case LINUX -> "sudo ss -ltnp 'sport = :" + port + "'";
			case MAC -> "sudo lsof -nP -iTCP:" + port + " -sTCP:LISTEN";
			case WINDOWS -> "netstat -ano | findstr :" + port;
		};
	}

	/**
	 * Return the command that stops a process.
	 * @param pid the process id
	 * @return the command
	 */
	public String stopCommand(long pid) {
		return stopCommand(String.valueOf(pid));
	}

	/**
	 * Return the command that stops a process, with the process id as given, such as a {@code <pid>} placeholder.
	 * @param pid the process id or a placeholder
	 * @return the command
	 */
	public String stopCommand(String pid) {
		return switch (this) {
			case LINUX, MAC -> "kill " + pid;
			case WINDOWS -> "Stop-Process -Id " + pid + " -Force";
		};
	}

	/**
	 * Return the command that stops a process that ignores {@link #stopCommand(long)}.
	 * @param pid the process id
	 * @return the command
	 */
	public String forceStopCommand(long pid) {
		return switch (this) {
			case LINUX, MAC -> "kill -9 " + pid;
			case WINDOWS -> "taskkill /PID " + pid + " /F";
		};
	}

}
