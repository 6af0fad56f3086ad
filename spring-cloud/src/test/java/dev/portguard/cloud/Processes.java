package dev.portguard.cloud;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real processes for the end-to-end tests: packaged applications with small JVM settings, and Python's
 * {@code http.server} holding a port. Every process is destroyed on {@link #close()}, even when a test fails.
 */
final class Processes implements AutoCloseable {

	private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final List<Running> running = new ArrayList<>();

	/**
	 * Start the packaged sample app (system property {@code sample.jar}).
	 * @param args application arguments
	 * @return the running app
	 */
	Running sampleApp(String... args) {
		String jar = System.getProperty("sample.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("The packaged sample app is missing (sample.jar=" + jar
					+ "); run the tests with ./mvnw verify");
		}
		List<String> command = new ArrayList<>(jvm());
		command.addAll(List.of("-jar", jar));
		command.addAll(List.of(args));
		return start("sample-app", command);
	}

	/**
	 * Start a main class of the test class path in its own small JVM.
	 * @param name a name for messages
	 * @param mainClass the main class
	 * @param args application arguments
	 * @return the running process
	 */
	Running java(String name, Class<?> mainClass, String... args) {
		List<String> command = new ArrayList<>(jvm());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(List.of(args));
		return start(name, command);
	}

	/**
	 * Hold a port on loopback with Python's {@code http.server}.
	 * @param port the port
	 * @return the running holder, listening
	 */
	Running python(int port) {
		Running holder = start("python", List.of("python3", "-m", "http.server", String.valueOf(port), "--bind",
				"127.0.0.1"));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!holder.process.isAlive()) {
				throw new IllegalStateException("python exited before listening:\n" + holder.output());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return holder;
			}
			catch (IOException ex) {
				holder.awaitOutput("\u0000", Duration.ofMillis(50));
			}
		}
		throw new IllegalStateException("python did not listen on " + port + ":\n" + holder.output());
	}

	private static List<String> jvm() {
		return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx160m", "-Xss512k",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1");
	}

	private Running start(String name, List<String> command) {
		try {
			Running started = new Running(name, new ProcessBuilder(command).redirectErrorStream(true).start());
			this.running.add(started);
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command.get(0), ex);
		}
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

	@Override
	public void close() {
		for (Running process : this.running) {
			process.stop();
		}
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

		boolean awaitOutput(String text, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			synchronized (this.lock) {
				while (!this.output.toString().contains(text)) {
					long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
					if (left <= 0) {
						return false;
					}
					if (!this.process.isAlive()) {
						// What it printed last may still be on its way through the reader.
						left = Math.min(left, 200);
						deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(left);
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
		 * Wait until the application logged {@code Started <main class>}, and return the first port a Tomcat of
		 * it logged as started on.
		 * @param mainClass the simple name of the main class
		 * @return the port
		 */
		int awaitStarted(String mainClass) {
			if (!awaitOutput("Started " + mainClass, START_TIMEOUT)) {
				throw new IllegalStateException(this.name + " did not start:\n" + output());
			}
			Matcher matcher = TOMCAT_STARTED.matcher(output());
			if (!matcher.find()) {
				throw new IllegalStateException(this.name + " logged no Tomcat port:\n" + output());
			}
			return Integer.parseInt(matcher.group(1));
		}

		/**
		 * Every port a Tomcat of this process logged as started on, in order.
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

		long pid() {
			return this.process.pid();
		}

		/**
		 * Kill the process as a crash would: no shutdown hook runs, its registry file stays behind.
		 */
		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(15, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
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
