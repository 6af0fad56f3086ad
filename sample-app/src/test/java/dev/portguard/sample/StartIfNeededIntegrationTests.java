package dev.portguard.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;
import dev.portguard.registry.InstanceStartException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InstanceRegistry#startIfNeeded}: the client that starts the packaged sample app when none runs,
 * with real processes.
 */
class StartIfNeededIntegrationTests {

	private static final String APPLICATION = "portguard-sample-app";

	private final Processes processes = new Processes();

	private final List<Long> started = Collections.synchronizedList(new ArrayList<>());

	@TempDir
	Path registryDirectory;

	@AfterEach
	void stop() {
		this.processes.close();
		for (long pid : this.started) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
		}
		for (long pid : this.started) {
			ProcessHandle.of(pid).ifPresent((process) -> process.onExit().orTimeout(20, TimeUnit.SECONDS).join());
		}
	}

	@Test
	void startsTheServerWhenNoneRunsAndReturnsTheRunningOneAfterwards() throws Exception {
		int port = Processes.freeBlock(3);
		this.processes.python("127.0.0.1", port);
		InstanceRegistry registry = InstanceRegistry.at(this.registryDirectory);
		List<String> progress = new ArrayList<>();
		Instance instance = registry.startIfNeeded(APPLICATION, sampleApp(port), Duration.ofSeconds(90),
				progress::add);
		this.started.add(instance.pid());
		assertThat(progress).containsExactly("Server not running. Starting server...",
				"Port " + port + " in use, using port " + (port + 1),
				"Waiting for server to start on port " + (port + 1) + "...",
				"Server started successfully on http://127.0.0.1:" + (port + 1) + "!");
		assertThat(instance.baseUrl()).isEqualTo("http://127.0.0.1:" + (port + 1));
		assertThat(Processes.get(port + 1, "/actuator/health")).contains("\"UP\"");
		assertThat(Files.readString(this.registryDirectory.resolve(APPLICATION + ".out")))
			.contains("Started SampleApplication");
		List<String> again = new ArrayList<>();
		Instance same = registry.startIfNeeded(APPLICATION, sampleApp(port), Duration.ofSeconds(30), again::add);
		assertThat(same.pid()).isEqualTo(instance.pid());
		assertThat(again).containsExactly("Server already running on http://127.0.0.1:" + (port + 1));
		assertThat(registry.instances(APPLICATION)).hasSize(1);
	}

	@Test
	void twoClientsAskingAtOnceStartOneServer() throws Exception {
		int port = Processes.freeBlock(3);
		InstanceRegistry registry = InstanceRegistry.at(this.registryDirectory);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService clients = Executors.newFixedThreadPool(2);
		try {
			List<Future<Instance>> answers = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				Callable<Instance> client = () -> {
					go.await();
					return registry.startIfNeeded(APPLICATION, sampleApp(port), Duration.ofSeconds(90), (line) -> {
					});
				};
				answers.add(clients.submit(client));
			}
			go.countDown();
			Instance first = answers.get(0).get(120, TimeUnit.SECONDS);
			Instance second = answers.get(1).get(120, TimeUnit.SECONDS);
			this.started.add(first.pid());
			this.started.add(second.pid());
			assertThat(second.pid()).isEqualTo(first.pid());
			assertThat(registry.instances(APPLICATION)).hasSize(1);
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void aCommandThatExitsAtOnceGivesItsExitCodeAndTheEndOfItsOutput() {
		InstanceRegistry registry = InstanceRegistry.at(this.registryDirectory);
		ProcessBuilder failing = new ProcessBuilder("sh", "-c", "echo starting; echo 'boom: no such config' >&2; exit 3");
		assertThatExceptionOfType(InstanceStartException.class)
			.isThrownBy(() -> registry.startIfNeeded(APPLICATION, failing, Duration.ofSeconds(30), (line) -> {
			}))
			.withMessageStartingWith(APPLICATION + " exited with code 3 before it was up; the end of its output ("
					+ this.registryDirectory.resolve(APPLICATION + ".out") + "):\nstarting\nboom: no such config");
	}

	@Test
	void aServerThatIsNotUpInTimeIsStoppedAndTheOutputGoesToTheFileTheCallerNamed() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.registryDirectory);
		Path output = this.registryDirectory.resolveSibling(this.registryDirectory.getFileName() + "-slow.log");
		ProcessBuilder slow = new ProcessBuilder("sh", "-c", "echo still starting; exec sleep 60")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		assertThatExceptionOfType(InstanceStartException.class)
			.isThrownBy(() -> registry.startIfNeeded(APPLICATION, slow, Duration.ofSeconds(2), (line) -> {
			}))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).startsWith(APPLICATION + " was not up within 2000 ms; it was stopped (pid ")
					.endsWith("the end of its output (" + output + "):\nstill starting");
				long pid = Long.parseLong(ex.getMessage().replaceAll("(?s).*\\(pid (\\d+)\\).*", "$1"));
				ProcessHandle process = ProcessHandle.of(pid).orElse(null);
				if (process != null) {
					try {
						process.onExit().get(30, TimeUnit.SECONDS);
					}
					catch (TimeoutException stillRunning) {
						// Asserted below.
					}
				}
				assertThat(process != null && process.isAlive()).as("the stopped server %d is gone", pid).isFalse();
			});
		Files.deleteIfExists(output);
	}

	private ProcessBuilder sampleApp(int port) {
		String jar = System.getProperty("sample.jar");
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar,
				"--server.port=" + port, "--sample.echo.port=" + (port + 2),
				"--portguard.registry.directory=" + this.registryDirectory);
	}

}
