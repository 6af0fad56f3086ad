package dev.portguard.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real processes that hold ports for tests: Python's {@code http.server}, a second JVM, Docker's
 * {@code docker-proxy} and containers. Everything started is stopped on {@link #close()}, even when a test fails.
 */
public final class Holders implements AutoCloseable {

	private final List<Process> processes = new ArrayList<>();

	private final List<String> containers = new ArrayList<>();

	private final List<Path> directories = new ArrayList<>();

	/**
	 * Listen with Python's {@code http.server}.
	 * @param address the address to bind, such as {@code 127.0.0.1} or {@code ::1}
	 * @param port the port
	 * @return the process
	 */
	public Process python(String address, int port) {
		return listening(start(List.of("python3", "-m", "http.server", String.valueOf(port), "--bind", address),
				"python3"), address, port);
	}

	/**
	 * Run any command that listens on a port.
	 * @param command the command
	 * @param address the address it listens on
	 * @param port the port it listens on
	 * @return the process
	 */
	public Process command(List<String> command, String address, int port) {
		return listening(start(command, command.get(0)), address, port);
	}

	/**
	 * Listen with Python's {@code http.server} run through a link with another name, so that the kernel names the
	 * process after the link ({@code comm}, cut to 15 characters) as it names the helpers of container runtimes.
	 * @param name the process name, such as {@code com.docker.backend}
	 * @param port the port, on 127.0.0.1
	 * @return the process
	 */
	public Process pythonNamed(String name, int port) {
		String python = run(List.of("python3", "-c", "import os, sys; print(os.path.realpath(sys.executable))"));
		if (python == null) {
			throw new IllegalStateException("python3 is missing; the tests need it on the PATH");
		}
		try {
			Path directory = Files.createTempDirectory("portguard-named");
			this.directories.add(directory);
			Path link = Files.createSymbolicLink(directory.resolve(name), Path.of(python.trim()));
			return command(List.of(link.toString(), "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1"),
					"127.0.0.1", port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Listen with a second JVM running {@link HoldPortMain}.
	 * @param address the address to bind
	 * @param port the port
	 * @return the process
	 */
	public Process jvm(String address, int port) {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		return listening(start(List.of(java, "-Xmx32m", "-cp", Paths.get("target/test-classes").toAbsolutePath()
			.toString(), HoldPortMain.class.getName(), address, String.valueOf(port)), "java"), address, port);
	}

	/**
	 * Listen with Docker's {@code docker-proxy}, standing alone, as the Docker engine starts it for a published
	 * port.
	 * @param port the host port
	 * @return the process
	 */
	public Process dockerProxy(int port) {
		String proxy = "/usr/sbin/docker-proxy";
		if (!Paths.get(proxy).toFile().canExecute()) {
			throw new IllegalStateException("docker-proxy is missing: install Debian's docker.io (.ci/run does)");
		}
		// docker-proxy reports readiness on file descriptor 3 and then closes it, as dockerd passes it a pipe there;
		// started alone it would close its own listener, so descriptor 3 is given /dev/null.
		String command = "exec " + proxy + " -proto tcp -host-ip 127.0.0.1 -host-port " + port
				+ " -container-ip 127.0.0.1 -container-port 9 3>/dev/null";
		return listening(start(List.of("/bin/sh", "-c", command), "docker-proxy"), "127.0.0.1", port);
	}

	/**
	 * Run a container that publishes a host port, from the local image {@code portguard/busybox:local} that
	 * {@code .ci/run} imports.
	 * @param name the container's name
	 * @param port the host port
	 */
	public void container(String name, int port) {
		String output = run(List.of("docker", "run", "-d", "--name", name, "-p", "127.0.0.1:" + port + ":8080",
				"portguard/busybox:local", "/busybox", "httpd", "-f", "-p", "8080"));
		this.containers.add(name);
		if (output == null) {
			throw new IllegalStateException("docker run failed: a running Docker engine and the image "
					+ "portguard/busybox:local are needed (.ci/run starts dockerd and imports the image)");
		}
		waitListening("127.0.0.1", port, null);
	}

	private Process start(List<String> command, String what) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			this.processes.add(process);
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + what + "; the tests need it on the PATH", ex);
		}
	}

	private Process listening(Process process, String address, int port) {
		waitListening(address, port, process);
		return process;
	}

	private static void waitListening(String address, int port, Process process) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (process != null && !process.isAlive()) {
				throw new IllegalStateException("The holder exited before listening on " + port);
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address, port), 200);
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		throw new IllegalStateException("Nothing listens on " + address + ":" + port);
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output;
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				output = String.join("\n", in.lines().toList());
			}
			return (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	@Override
	public void close() {
		for (String container : this.containers) {
			run(List.of("docker", "rm", "-f", container));
		}
		for (Process process : this.processes) {
			process.destroy();
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Path directory : this.directories) {
			try (var links = Files.list(directory)) {
				for (Path link : links.toList()) {
					Files.deleteIfExists(link);
				}
				Files.deleteIfExists(directory);
			}
			catch (IOException ex) {
				// Left in the temporary directory.
			}
		}
	}

}
