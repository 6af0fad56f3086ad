package com.example.web;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The web application on one Spring Boot line, against a port held by Python's {@code http.server}: it falls back
 * and says so, answers on the new port and reports it at {@code /actuator/ports}; with auto-port off, the failure
 * analysis names the holder.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebConsumerTests {

	private int port;

	private Process python;

	@BeforeEach
	void holdPort() throws Exception {
		this.port = freeBlock(3);
		// Unbuffered, so that "Serving HTTP on ..." (printed once the socket listens) arrives at once.
		this.python = new ProcessBuilder("python3", "-u", "-m", "http.server", String.valueOf(this.port), "--bind",
				"127.0.0.1")
			.redirectErrorStream(true)
			.start();
		Output output = Output.of(this.python);
		output.await("Serving HTTP on", 1, 30);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
		}
	}

	@AfterEach
	void stopPython() throws InterruptedException {
		this.python.destroy();
		this.python.waitFor(10, TimeUnit.SECONDS);
	}

	@Test
	void theApplicationRunsOnTheExpectedSpringBootLineWithNoJarOfAnotherVersion() {
		String expected = System.getProperty("expected.boot.version");
		assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
		List<String> bootJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> new File(entry).getName())
			.filter((name) -> name.startsWith("spring-boot"))
			.toList();
		assertThat(bootJars).isNotEmpty().allSatisfy((name) -> assertThat(name).endsWith("-" + expected + ".jar"));
	}

	@Test
	void aTakenPortMovesToTheNextOneWhichAnswersAndIsReported(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(WebConsumerApplication.class,
				"--server.port=" + this.port)) {
			assertThat(output).contains("Port " + this.port + " is in use, using port " + (this.port + 1)
					+ " instead (server.port)");
			assertThat(get(this.port + 1, "/")).isEqualTo("hello");
			Map<String, Object> server = JsonPath.read(get(this.port + 1, "/actuator/ports"), "$.ports[0]");
			assertThat(server).containsEntry("name", "server")
				.containsEntry("requested", this.port)
				.containsEntry("actual", this.port + 1)
				.containsEntry("status", "fallback");
		}
	}

	@Test
	void withAutoPortOffTheFailureAnalysisNamesTheHolder(CapturedOutput output) {
		assertThatException().isThrownBy(() -> SpringApplication.run(WebConsumerApplication.class,
				"--server.port=" + this.port, "--portguard.auto=false"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Web server failed to start. Port " + this.port + " on 127.0.0.1 (server.port) is already in use.")
			.contains("Held by process " + this.python.pid() + " (python3), listening on 127.0.0.1:" + this.port)
			.contains("1. Stop the process that holds the port: kill " + this.python.pid());
	}

	@Test
	void aRestartUnderDevToolsResolvesAgainAndComesBackOnAFreePort() throws Exception {
		// DevTools restarts an application started from its main method, outside a test runner, when a class in a
		// class path directory changes, as when an IDE compiles it again.
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		Path compiled = Paths.get("target/classes/com/example/web/WebConsumerApplication.class").toAbsolutePath();
		Process app = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				WebConsumerApplication.class.getName(), "--server.port=" + this.port,
				"--spring.devtools.livereload.enabled=false", "--spring.devtools.restart.poll-interval=200ms",
				"--spring.devtools.restart.quiet-period=100ms")
			.redirectErrorStream(true)
			.start();
		Output output = Output.of(app);
		String moved = "Port " + this.port + " is in use, using port " + (this.port + 1) + " instead (server.port)";
		String started = "Tomcat started on port " + (this.port + 1);
		try {
			output.await(started, 1, 90);
			assertThat(get(this.port + 1, "/")).isEqualTo("hello");
			Files.setLastModifiedTime(compiled, FileTime.fromMillis(System.currentTimeMillis() + 5000));
			output.await(started, 2, 90);
			assertThat(output.toString()).as("DevTools restarted the application").contains("Restarting due to");
			assertThat(count(output.toString(), moved)).as("resolved again after the restart").isEqualTo(2);
			assertThat(get(this.port + 1, "/")).isEqualTo("hello");
		}
		finally {
			app.destroy();
			app.waitFor(20, TimeUnit.SECONDS);
		}
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + part.length())) {
			count++;
		}
		return count;
	}

	/**
	 * Everything a process printed, read in the background; waiting for a line wakes up when one arrives.
	 */
	private static final class Output {

		private final StringBuilder text = new StringBuilder();

		private boolean closed;

		static Output of(Process process) {
			Output output = new Output();
			Thread reader = new Thread(() -> output.read(process), "output-" + process.pid());
			reader.setDaemon(true);
			reader.start();
			return output;
		}

		private void read(Process process) {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					synchronized (this) {
						this.text.append(line).append('\n');
						notifyAll();
					}
				}
			}
			catch (IOException ex) {
				// The process was stopped; what it printed so far is kept.
			}
			finally {
				synchronized (this) {
					this.closed = true;
					notifyAll();
				}
			}
		}

		synchronized void await(String part, int times, int seconds) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
			while (count(this.text.toString(), part) < times) {
				assertThat(this.closed).as("the process ended before printing '" + part + "' " + times
						+ " time(s):\n" + this.text).isFalse();
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				assertThat(left).as("'" + part + "' " + times + " time(s) within " + seconds + " s:\n" + this.text)
					.isPositive();
				wait(left);
			}
		}

		@Override
		public synchronized String toString() {
			return this.text.toString();
		}

	}

	private static String get(int port, String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
		return response.body();
	}

	private static int freeBlock(int count) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(20000, 30000);
			boolean free = true;
			for (int candidate = base; candidate < base + count && free; candidate++) {
				try (ServerSocketChannel channel = ServerSocketChannel.open()) {
					channel.bind(new InetSocketAddress(candidate));
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

}
