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
		this.python = new ProcessBuilder("python3", "-m", "http.server", String.valueOf(this.port), "--bind",
				"127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				assertThat(this.python.isAlive()).as("python3 -m http.server is running").isTrue();
				assertThat(System.nanoTime()).as("python3 listens within 30 s").isLessThan(deadline);
				Thread.sleep(50);
			}
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
		StringBuffer output = new StringBuffer();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
				in.lines().forEach((line) -> output.append(line).append('\n'));
			}
			catch (IOException ex) {
				// The process was stopped.
			}
		});
		reader.setDaemon(true);
		reader.start();
		String moved = "Port " + this.port + " is in use, using port " + (this.port + 1) + " instead (server.port)";
		String started = "Tomcat started on port " + (this.port + 1);
		try {
			awaitCount(output, started, 1, app);
			assertThat(get(this.port + 1, "/")).isEqualTo("hello");
			Files.setLastModifiedTime(compiled, FileTime.fromMillis(System.currentTimeMillis() + 5000));
			awaitCount(output, started, 2, app);
			assertThat(output.toString()).as("DevTools restarted the application").contains("Restarting due to");
			assertThat(count(output.toString(), moved)).as("resolved again after the restart").isEqualTo(2);
			assertThat(get(this.port + 1, "/")).isEqualTo("hello");
		}
		finally {
			app.destroy();
			app.waitFor(20, TimeUnit.SECONDS);
		}
	}

	private static void awaitCount(StringBuffer output, String text, int count, Process app)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (count(output.toString(), text) < count) {
			assertThat(app.isAlive()).as("the application is running:\n" + output).isTrue();
			assertThat(System.nanoTime()).as("'" + text + "' " + count + " time(s) within 90 s:\n" + output)
				.isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + part.length())) {
			count++;
		}
		return count;
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
