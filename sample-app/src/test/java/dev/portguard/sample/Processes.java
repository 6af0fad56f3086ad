package dev.portguard.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real processes for the end-to-end tests: the packaged sample app, and the holders that take its ports (Python's
 * {@code http.server} and a second JVM). Every process is destroyed on {@link #close()}, even when a test fails.
 */
final class Processes implements AutoCloseable {

	private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	/**
	 * The registry the sample apps of the tests register in, inside the build directory.
	 */
	static final Path REGISTRY = Paths.get("target/registry").toAbsolutePath();

	private final List<Running> running = new ArrayList<>();

	private String locale;

	/**
	 * Start every later process under a locale, as on a desktop set to that language: {@code LANG} and
	 * {@code LC_ALL} set, {@code LANGUAGE} (which would take precedence for messages) removed.
	 * @param locale the locale, such as {@code de_DE.UTF-8}
	 * @return these processes
	 */
	Processes inLocale(String locale) {
		this.locale = locale;
		return this;
	}

	/**
	 * Start the packaged sample app with small JVM settings.
	 * @param args application arguments
	 * @return the running app
	 */
	Running sampleApp(String... args) {
		return sampleAppAs(List.of(), args);
	}

	/**
	 * Start the packaged sample app through a prefix command, such as {@code setpriv} to run it as another user.
	 * @param prefix the command that runs {@code java}
	 * @param args application arguments
	 * @return the running app
	 */
	Running sampleAppAs(List<String> prefix, String... args) {
		String jar = System.getProperty("sample.jar");
		if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
			throw new IllegalStateException("The packaged sample app is missing (sample.jar=" + jar
					+ "); run the tests with ./mvnw verify");
		}
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(java(), "-Xmx160m", "-Xss512k", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-jar", jar));
		if (List.of(args).stream().noneMatch((arg) -> arg.startsWith("--portguard.registry.directory="))) {
			command.add("--portguard.registry.directory=" + REGISTRY);
		}
		command.addAll(List.of(args));
		return start("sample-app", command);
	}

	/**
	 * Hold a port with Python's {@code http.server}.
	 * @param address the address to bind
	 * @param port the port
	 * @return the running holder, listening
	 */
	Running python(String address, int port) {
		Running holder = start("python", List.of("python3", "-m", "http.server", String.valueOf(port), "--bind",
				address));
		awaitListening(holder, address, port);
		return holder;
	}

	/**
	 * Hold a port with any command, waiting until it listens.
	 * @param command the command
	 * @param address the address it listens on
	 * @param port the port
	 * @return the running holder
	 */
	Running command(List<String> command, String address, int port) {
		Running holder = start(command.get(0), command);
		awaitListening(holder, address, port);
		return holder;
	}

	/**
	 * Try to hold a port with a second JVM, and return what it says when it cannot.
	 * @param address the address to bind
	 * @param port the port
	 * @return everything the JVM printed before it exited
	 */
	String jvmFailingToHold(String address, int port) {
		String classpath = Paths.get("target/test-classes").toAbsolutePath().toString();
		Running holder = start("jvm-holder", List.of(java(), "-Xmx32m", "-cp", classpath,
				HoldPortMain.class.getName(), address, String.valueOf(port)));
		holder.awaitExit();
		return holder.output();
	}

	/**
	 * Hold a port with a second JVM.
	 * @param address the address to bind
	 * @param port the port
	 * @return the running holder, listening
	 */
	Running jvm(String address, int port) {
		String classpath = Paths.get("target/test-classes").toAbsolutePath().toString();
		Running holder = start("jvm-holder", List.of(java(), "-Xmx32m", "-cp", classpath,
				HoldPortMain.class.getName(), address, String.valueOf(port)));
		holder.awaitOutput((text) -> text.contains("HOLDING " + port), Duration.ofSeconds(30));
		return holder;
	}

	private Running start(String name, List<String> command) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			if (this.locale != null) {
				builder.environment().remove("LANGUAGE");
				builder.environment().put("LANG", this.locale);
				builder.environment().put("LC_ALL", this.locale);
			}
			Process process = builder.start();
			Running started = new Running(name, process);
			this.running.add(started);
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command.get(0)
					+ "; the end-to-end tests need it on the PATH (.ci/run installs it)", ex);
		}
	}

	private static void awaitListening(Running holder, String address, int port) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!holder.process.isAlive()) {
				throw new IllegalStateException(holder.name + " exited before listening:\n" + holder.output());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address, port), 200);
				return;
			}
			catch (IOException ex) {
				holder.awaitOutput((text) -> false, Duration.ofMillis(50));
			}
		}
		throw new IllegalStateException(holder.name + " did not listen on " + port + ":\n" + holder.output());
	}

	/**
	 * Find {@code count} consecutive ports that are free on every address right now.
	 * @param count how many ports
	 * @return the first port
	 */
	static int freeBlock(int count) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(20000, 30000);
			boolean free = true;
			for (int port = base; port < base + count && free; port++) {
				try (java.nio.channels.ServerSocketChannel channel = java.nio.channels.ServerSocketChannel.open()) {
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

	/**
	 * GET a URL on the loopback interface.
	 * @param port the port
	 * @param path the path
	 * @return the response body
	 */
	static String get(int port, String path) {
		HttpResponse<String> response = request(port, path, null);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " on " + port + " answered " + response.statusCode());
		}
		return response.body();
	}

	/**
	 * GET a URL on the loopback interface with an {@code Accept} header.
	 * @param port the port
	 * @param path the path
	 * @param accept the {@code Accept} header, or {@code null} for none
	 * @return the response
	 */
	static HttpResponse<String> request(int port, String path, String accept) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(10));
			if (accept != null) {
				request.header("Accept", accept);
			}
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
	 * Send one line to a TCP echo listener and read the answer.
	 * @param port the port
	 * @param line the line to send
	 * @return the line received
	 */
	static String echo(int port, String line) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		for (Running process : this.running) {
			process.stop();
		}
	}

	/**
	 * Return the command prefix that runs a process as an unprivileged user: {@code setpriv} to nobody when the tests
	 * run as root, nothing otherwise.
	 * @return the prefix
	 * @throws IOException if the process status cannot be read
	 */
	static List<String> asNobody() throws IOException {
		boolean root = Files.readAllLines(Paths.get("/proc/self/status"))
			.stream()
			.anyMatch((line) -> line.matches("Uid:\\s+0\\s.*"));
		if (!root) {
			return List.of();
		}
		if (!Files.isExecutable(Paths.get("/usr/bin/setpriv"))) {
			throw new IllegalStateException("setpriv (util-linux) runs the app as an unprivileged user; install it");
		}
		return List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * One started process and everything it printed.
	 */
	static final class Running {

		private final String name;

		private final Process process;

		private final StringBuffer output = new StringBuffer();

		private final Object lock = new Object();

		Running(String name, Process process) {
			this.name = name;
			this.process = process;
			Thread reader = new Thread(this::read, name + "-output");
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					synchronized (this.lock) {
						this.output.append(line).append('\n');
						this.lock.notifyAll();
					}
				}
			}
			catch (IOException ex) {
				// The process was destroyed; what it printed so far is kept.
			}
			finally {
				synchronized (this.lock) {
					this.lock.notifyAll();
				}
			}
		}

		String output() {
			return this.output.toString();
		}

		long pid() {
			return this.process.pid();
		}

		boolean awaitOutput(Predicate<String> condition, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			synchronized (this.lock) {
				while (!condition.test(this.output.toString())) {
					long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
					if (left <= 0) {
						return false;
					}
					try {
						this.lock.wait(Math.min(left, 100));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return false;
					}
				}
				return true;
			}
		}

		/**
		 * Wait until the sample app's Tomcat started, and return its port.
		 * @return the port Tomcat logged
		 */
		int awaitStarted() {
			awaitOutput((text) -> TOMCAT_STARTED.matcher(text).find() && text.contains("Started SampleApplication")
					|| text.contains("APPLICATION FAILED TO START"), START_TIMEOUT);
			Matcher matcher = TOMCAT_STARTED.matcher(output());
			if (!matcher.find() || !output().contains("Started SampleApplication")) {
				throw new IllegalStateException(this.name + " did not start:\n" + output());
			}
			return Integer.parseInt(matcher.group(1));
		}

		/**
		 * Return every port a Tomcat of this app logged as started on, in order (the main server first, then the
		 * management server, if any).
		 * @return the ports
		 */
		List<Integer> startedPorts() {
			List<Integer> ports = new ArrayList<>();
			Matcher matcher = TOMCAT_STARTED.matcher(output());
			while (matcher.find()) {
				ports.add(Integer.parseInt(matcher.group(1)));
			}
			return ports;
		}

		/**
		 * Wait for the process to exit.
		 * @return its exit code
		 */
		int awaitExit() {
			try {
				if (!this.process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
					throw new IllegalStateException(this.name + " did not exit:\n" + output());
				}
				awaitOutput((text) -> false, Duration.ofMillis(200));
				return this.process.exitValue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(15, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		boolean isAlive() {
			return this.process.isAlive();
		}

		void stop() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}

	}

}
