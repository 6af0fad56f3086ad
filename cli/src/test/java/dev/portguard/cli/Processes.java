package dev.portguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.portguard.registry.InstanceRegistry;

/**
 * Real processes for the command's tests: the packaged {@code portguard} command, the packaged sample app, Python's
 * {@code http.server} and containers. Everything started is stopped on {@link #close()}, even when a test fails,
 * and so is every instance registered in the test's registry (those that {@code portguard start} started).
 */
final class Processes implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final Path registry;

	private final List<Process> processes = new ArrayList<>();

	private final List<String> containers = new ArrayList<>();

	/**
	 * Create the processes of one test class, with a fresh registry under {@code target}.
	 * @param name the registry's directory name
	 */
	Processes(String name) {
		this.registry = Paths.get("target", "registries", name).toAbsolutePath();
		try {
			if (Files.isDirectory(this.registry)) {
				try (Stream<Path> files = Files.list(this.registry)) {
					for (Path file : files.toList()) {
						Files.delete(file);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path registry() {
		return this.registry;
	}

	/**
	 * Run the packaged command with {@code --registry} set to this registry, and wait for it to end.
	 * @param args the command's arguments
	 * @return its exit code and output
	 */
	Result portguard(String... args) {
		try {
			return portguardStarted(args).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start the packaged command with {@code --registry} set to this registry.
	 * @param args the command's arguments
	 * @return the running command
	 */
	Command portguardStarted(String... args) {
		String jar = requiredFile("portguard.jar", "./mvnw -o verify -pl cli");
		List<String> command = new ArrayList<>(List.of(java(), "-jar", jar, "--registry", this.registry.toString()));
		command.addAll(List.of(args));
		try {
			Path out = Files.createTempFile("portguard", ".out");
			Path err = Files.createTempFile("portguard", ".err");
			Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
				.start();
			this.processes.add(process);
			return new Command(process, out, err);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the command line that starts the packaged sample app with small JVM settings, registering in this
	 * registry.
	 * @param args application arguments
	 * @return the command
	 */
	List<String> sampleAppCommand(String... args) {
		String jar = requiredFile("sample.jar",
				"./mvnw -o package -DskipTests -pl core,autoconfigure,starter,sample-app -am");
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx160m", "-Xss512k", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-jar", jar,
				"--portguard.registry.directory=" + this.registry));
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * Start the packaged sample app and wait until it has started and registered (it registers once it is ready,
	 * just after it logs that it started).
	 * @param args application arguments
	 * @return the process
	 */
	Process sampleApp(String... args) {
		try {
			Path log = Files.createTempFile("sample-app", ".log");
			Process process = new ProcessBuilder(sampleAppCommand(args)).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			this.processes.add(process);
			long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
			while (!Files.readString(log, StandardCharsets.UTF_8).contains("Started SampleApplication")) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("The sample app did not start:\n" + Files.readString(log));
				}
				Thread.sleep(100);
			}
			InstanceRegistry registry = InstanceRegistry.at(this.registry);
			while (registry.instances().stream().noneMatch((instance) -> instance.pid() == process.pid())) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("The sample app did not register in " + this.registry + ":\n"
							+ Files.readString(log));
				}
				Thread.sleep(50);
			}
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Listen with Python's {@code http.server} on loopback.
	 * @param port the port
	 * @return the process, listening
	 */
	Process python(int port) {
		try {
			Process process = new ProcessBuilder("python3", "-m", "http.server", String.valueOf(port), "--bind",
					"127.0.0.1")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			this.processes.add(process);
			awaitListening(process, port);
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("python3 is missing; the tests need it on the PATH", ex);
		}
	}

	/**
	 * Run a container that publishes a loopback port, from the local image {@code portguard/busybox:local}.
	 * @param name the container's name
	 * @param port the host port
	 */
	void container(String name, int port) {
		run("docker", "rm", "-f", name);
		this.containers.add(name);
		int exit = run("docker", "run", "-d", "--name", name, "-p", "127.0.0.1:" + port + ":8080",
				"portguard/busybox:local", "/busybox", "httpd", "-f", "-p", "8080");
		if (exit != 0) {
			throw new IllegalStateException("docker run failed: a running Docker engine and the image "
					+ "portguard/busybox:local are needed");
		}
		awaitListening(null, port);
	}

	private static int run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static void awaitListening(Process process, int port) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (process != null && !process.isAlive()) {
				throw new IllegalStateException("The holder exited before it listened on " + port);
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				sleep(50);
			}
		}
		throw new IllegalStateException("Nothing listened on " + port + " in time");
	}

	/**
	 * Find {@code count} consecutive ports that are free on every address right now.
	 * @param count how many ports
	 * @return the first port
	 */
	static int freeBlock(int count) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(30000, 40000);
			boolean free = true;
			for (int port = base; port < base + count && free; port++) {
				try (ServerSocketChannel channel = ServerSocketChannel.open()) {
					channel.bind(new InetSocketAddress(port));
				}
				catch (IOException ex) {
					free = false;
				}
			}
			if (free) {
				return base;
			}
		}
		throw new IllegalStateException("No block of " + count + " free ports found");
	}

	private static String requiredFile(String property, String build) {
		String file = System.getProperty(property);
		if (file == null || !Files.isRegularFile(Paths.get(file))) {
			throw new IllegalStateException("The tests need " + property + " (" + file + "); build it first: " + build);
		}
		return file;
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		for (Process process : this.processes) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
		stopRegisteredInstances();
		for (String container : this.containers) {
			run("docker", "rm", "-f", container);
		}
	}

	/**
	 * Stop every process registered in this registry: the servers {@code portguard start} left running.
	 */
	void stopRegisteredInstances() {
		if (!Files.isDirectory(this.registry)) {
			return;
		}
		try (Stream<Path> files = Files.list(this.registry)) {
			for (Path file : files.filter((each) -> each.toString().endsWith(".json")).toList()) {
				String text = Files.readString(file);
				int at = text.indexOf("\"pid\": ");
				if (at >= 0) {
					String digits = text.substring(at + 7).replaceAll("(?s)[^0-9].*", "");
					ProcessHandle.of(Long.parseLong(digits)).ifPresent((handle) -> {
						handle.destroy();
						handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally((ex) -> {
							handle.destroyForcibly();
							return handle;
						}).join();
					});
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Best effort: the processes of a failed test may already be gone.
		}
	}

	/**
	 * A running {@code portguard} command.
	 */
	static final class Command {

		private final Process process;

		private final Path out;

		private final Path err;

		Command(Process process, Path out, Path err) {
			this.process = process;
			this.out = out;
			this.err = err;
		}

		Result await() throws InterruptedException {
			if (!this.process.waitFor(180, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("portguard did not end in time");
			}
			try {
				Result result = new Result(this.process.exitValue(), Files.readString(this.out),
						Files.readString(this.err));
				Files.delete(this.out);
				Files.delete(this.err);
				return result;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/**
	 * What a {@code portguard} command did.
	 *
	 * @param exitCode its exit code
	 * @param out its standard output
	 * @param err its error output
	 */
	record Result(int exitCode, String out, String err) {

		List<String> errLines() {
			return this.err.lines().toList();
		}

	}

}
