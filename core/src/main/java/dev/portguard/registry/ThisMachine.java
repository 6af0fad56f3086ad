package dev.portguard.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * What identifies this machine, this process' view of processes, and this application, for the registry: an entry
 * is judged by this process table only when it was written on the same host in the same PID namespace, and an
 * earlier instance is "the same application" only when it runs the same main class or jar.
 */
public final class ThisMachine {

	private ThisMachine() {
	}

	/**
	 * Return this machine's name without asking a name service: {@code InetAddress.getLocalHost()} resolves the name
	 * and can stall for seconds where it is not in the hosts file (a known trap on macOS).
	 * @return the host name, or {@code localhost}
	 */
	public static String host() {
		String name = firstLine(System.getenv("COMPUTERNAME"));
		name = (name != null) ? name : read("/proc/sys/kernel/hostname");
		name = (name != null) ? name : firstLine(System.getenv("HOSTNAME"));
		name = (name != null) ? name : read("/etc/hostname");
		return (name != null) ? name : "localhost";
	}

	/**
	 * Return this process' PID namespace on Linux, such as {@code pid:[4026531836]}: a pid means the same process
	 * only within one namespace (a container has its own).
	 * @return the namespace, or {@code null} where there is none to tell
	 */
	public static @Nullable String pidNamespace() {
		try {
			return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Return the main class or jar of a Java command line as {@code sun.java.command} gives it: the jar's file
	 * name, or the main class.
	 * @param javaCommand the command, such as {@code target/app.jar --debug} or {@code com.example.App}
	 * @return the main class or jar file name, or {@code null} if there is none
	 */
	public static @Nullable String main(@Nullable String javaCommand) {
		if (javaCommand == null || javaCommand.isBlank()) {
			return null;
		}
		String main = javaCommand.trim().split("\\s+")[0];
		return main.endsWith(".jar") ? main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1)
				: main;
	}

	/**
	 * Return this application's main class or jar.
	 * @return the main class or jar file name, or {@code null} if unknown
	 */
	public static @Nullable String main() {
		return main(System.getProperty("sun.java.command"));
	}

	private static @Nullable String read(String file) {
		try {
			return firstLine(Files.readString(Path.of(file)));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String firstLine(@Nullable String text) {
		String line = (text != null) ? text.strip().lines().findFirst().orElse("").strip() : "";
		return line.isEmpty() ? null : line;
	}

}
