package dev.portguard.holder;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The operating system families portguard knows how to inspect and give commands for.
 */
public enum OperatingSystem {

	/**
	 * Linux: holders are read from {@code /proc}.
	 */
	LINUX,

	/**
	 * macOS, and any other Unix: holders are read from {@code lsof}.
	 */
	MAC,

	/**
	 * FreeBSD and the other BSDs: holders are read from {@code sockstat}.
	 */
	FREEBSD,

	/**
	 * Windows: holders are read from {@code Get-NetTCPConnection}, or {@code netstat}.
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
		if (name.contains("bsd") || name.contains("dragonfly")) {
			return FREEBSD;
		}
		return MAC;
	}

	/**
	 * Return the shell the commands for this system are written for, for people.
	 * @return {@code PowerShell} on Windows, {@code a terminal} elsewhere
	 */
	public String shell() {
		return (this == WINDOWS) ? "PowerShell" : "a terminal";
	}

	/**
	 * Return a word that comes from another process, such as a container's name, as one literal argument of a
	 * command for this system's shell ({@link #shell()}): as it is when it is plain ({@code [A-Za-z0-9_.-]+}),
	 * otherwise in single quotes escaped for {@code sh} or PowerShell.
	 * @param word the word
	 * @return the argument, or {@code null} if the word holds characters that no quoting makes safe to copy and
	 * run, such as control, invisible or (for PowerShell) double-quote characters, or a leading dash
	 */
	public @Nullable String argument(String word) {
		return ((this == WINDOWS) ? Shell.POWERSHELL : Shell.POSIX).quote(word);
	}

	/**
	 * Return the command that shows who listens on a port, matching that port only, with the privilege it needs
	 * to see every user's processes.
	 * @param port the port
	 * @return the command
	 */
	public String showHolderCommand(int port) {
		return switch (this) {
			case LINUX -> "sudo ss -ltnp 'sport = :" + port + "'";
			case MAC -> "sudo lsof -nP -iTCP:" + port + " -sTCP:LISTEN";
			case FREEBSD -> "sockstat -46 -l -P tcp -p " + port;
			case WINDOWS -> "Get-NetTCPConnection -LocalPort " + port
					+ " -State Listen,Bound | Select-Object LocalAddress,State,OwningProcess,"
					+ "@{n='Process';e={(Get-Process -Id $_.OwningProcess).Path}}";
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
	 * Return the command that stops processes, with the process ids as given, such as a {@code <pid>} placeholder.
	 * @param pids the process ids or a placeholder
	 * @return the command
	 */
	public String stopCommand(String... pids) {
		return switch (this) {
			case LINUX, MAC, FREEBSD -> "kill " + String.join(" ", pids);
			case WINDOWS -> "Stop-Process -Id " + String.join(",", pids) + " -Force";
		};
	}

	/**
	 * Return the command that stops processes that ignore {@link #stopCommand(String...)}.
	 * @param pids the process ids
	 * @return the command
	 */
	public String forceStopCommand(List<Long> pids) {
		return switch (this) {
			case LINUX, MAC, FREEBSD -> "kill -9 " + pids.stream().map(String::valueOf).collect(Collectors.joining(" "));
			case WINDOWS -> "taskkill /F" + pids.stream().map((pid) -> " /PID " + pid).collect(Collectors.joining());
		};
	}

	/**
	 * Return the command that stops a process that ignores {@link #stopCommand(long)}.
	 * @param pid the process id
	 * @return the command
	 */
	public String forceStopCommand(long pid) {
		return forceStopCommand(List.of(pid));
	}

}
