package dev.portguard.sample;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the instance registry, the discovery client, sticky ports and the replacement of a stale
 * instance, with the packaged sample app started as real processes.
 */
class InstancesIntegrationTests {

	private static final String APP = "portguard-sample-app";

	private static final Pattern ECHO = Pattern.compile("Echo listener started on port (\\d+)");

	@TempDir
	Path registryDirectory;

	private final Processes processes = new Processes();

	@AfterEach
	void stopProcesses() {
		this.processes.close();
	}

	@Test
	void discoveryListsRunningInstancesAndPrunesOneKilledHard() throws Exception {
		int port = Processes.freeBlock(3);
		int echo = Processes.freeBlock(3);
		Processes.Running first = start("--server.port=" + port, "--sample.echo.port=" + echo);
		Processes.Running second = start("--server.port=" + port, "--sample.echo.port=" + echo);
		int firstPort = first.awaitStarted();
		int secondPort = second.awaitStarted();
		InstanceRegistry registry = InstanceRegistry.at(this.registryDirectory);
		awaitCount(registry, 2);
		List<Instance> instances = registry.instances(APP);
		assertThat(instances).extracting(Instance::pid).containsExactlyInAnyOrder(first.pid(), second.pid());
		Instance one = instances.stream().filter((instance) -> instance.pid() == first.pid()).findFirst().orElseThrow();
		assertThat(one.ports()).containsEntry("server", firstPort).containsEntry("echo", echoPort(first));
		assertThat(one.baseUrl()).isEqualTo("http://127.0.0.1:" + firstPort);
		assertThat(Processes.get(secondPort, "/")).contains("\"port\":" + secondPort);
		first.stop();
		awaitCount(registry, 1);
		assertThat(registry.instances(APP)).extracting(Instance::pid).containsExactly(second.pid());
		second.kill();
		assertThat(Files.list(this.registryDirectory).filter((file) -> file.toString().contains("--")).count())
			.as("a process killed with SIGKILL cannot remove its file").isOne();
		assertThat(registry.instances(APP)).isEmpty();
		assertThat(Files.list(this.registryDirectory).filter((file) -> file.toString().contains("--")).count())
			.as("the stale file is pruned").isZero();
	}

	@Test
	void theDiscoveryExampleFindsTheInstance() throws Exception {
		int port = Processes.freeBlock(1);
		Processes.Running app = start("--server.port=" + port, "--sample.echo.port=" + Processes.freeBlock(1));
		app.awaitStarted();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process finder = new ProcessBuilder(java, "-cp", System.getProperty("sample.jar"),
				"-Dloader.main=dev.portguard.sample.FindInstances",
				"org.springframework.boot.loader.launch.PropertiesLauncher", APP, this.registryDirectory.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(finder.getInputStream().readAllBytes());
		assertThat(finder.waitFor()).isZero();
		assertThat(output).contains("First instance up: http://127.0.0.1:" + port)
			.contains("pid " + app.pid() + "  http://127.0.0.1:" + port);
	}

	@Test
	void stickyRestartKeepsItsFallbackPortWhenFreeAndTakesTheNextOneWhenNot() {
		int port = Processes.freeBlock(6);
		int echo = Processes.freeBlock(1);
		this.processes.python("127.0.0.1", port);
		Processes.Running blocker = this.processes.jvm("127.0.0.1", port + 1);
		String[] args = { "--server.port=" + port, "--sample.echo.port=" + echo, "--portguard.sticky=true" };
		Processes.Running first = start(args);
		assertThat(first.awaitStarted()).isEqualTo(port + 2);
		awaitCount(InstanceRegistry.at(this.registryDirectory), 1);
		first.stop();
		blocker.stop();
		Processes.Running again = start(args);
		assertThat(again.awaitStarted()).as("port %d is free again, but the sticky port comes first:\n%s", port + 1,
				again.output())
			.isEqualTo(port + 2);
		assertThat(again.output()).contains("Using port " + (port + 2) + ", the port this application had last "
				+ "time, instead of " + port + " (server.port, portguard.sticky)");
		awaitCount(InstanceRegistry.at(this.registryDirectory), 1);
		again.stop();
		this.processes.python("127.0.0.1", port + 2);
		Processes.Running third = start(args);
		assertThat(third.awaitStarted()).isEqualTo(port + 1);
	}

	@Test
	void replaceStopsTheEarlierInstanceOfTheSameAppAndTakesItsPort() {
		int port = Processes.freeBlock(2);
		int echo = Processes.freeBlock(2);
		Processes.Running earlier = start("--server.port=" + port, "--sample.echo.port=" + echo);
		assertThat(earlier.awaitStarted()).isEqualTo(port);
		awaitCount(InstanceRegistry.at(this.registryDirectory), 1);
		Processes.Running later = start("--server.port=" + port, "--sample.echo.port=" + echo,
				"--portguard.replace.enabled=true");
		assertThat(later.awaitStarted()).isEqualTo(port);
		assertThat(later.output()).contains("Stopped the earlier instance of " + APP + " (pid " + earlier.pid()
				+ ") that held port " + port + " (server.port) with SIGTERM");
		earlier.awaitExit();
		assertThat(earlier.awaitOutput((text) -> text.contains("Graceful shutdown complete"), Duration.ofSeconds(10)))
			.as("the earlier instance shut down gracefully:\n%s", earlier.output())
			.isTrue();
		assertThat(echoPort(later)).isEqualTo(echo);
	}

	@Test
	void withoutReplaceNothingIsStopped() {
		int port = Processes.freeBlock(3);
		int echo = Processes.freeBlock(3);
		Processes.Running earlier = start("--server.port=" + port, "--sample.echo.port=" + echo);
		earlier.awaitStarted();
		Processes.Running later = start("--server.port=" + port, "--sample.echo.port=" + echo);
		assertThat(later.awaitStarted()).isEqualTo(port + 1);
		assertThat(earlier.isAlive()).isTrue();
		assertThat(later.output()).doesNotContain("Stopped the earlier instance");
	}

	@Test
	void replaceNeverStopsAnotherApplication() {
		int port = Processes.freeBlock(3);
		Processes.Running python = this.processes.python("127.0.0.1", port);
		Processes.Running app = start("--server.port=" + port, "--sample.echo.port=" + Processes.freeBlock(1),
				"--portguard.replace.enabled=true");
		assertThat(app.awaitStarted()).isEqualTo(port + 1);
		assertThat(python.isAlive()).isTrue();
		assertThat(app.output()).contains("Port " + port + " (server.port) is held by python3 (pid " + python.pid()
				+ "), which is not a registered instance of " + APP + "; nothing was stopped");
	}

	@Test
	void aRegistryOtherUsersCanWriteIsNotUsedAndNothingIsStopped() throws IOException {
		int port = Processes.freeBlock(2);
		int echo = Processes.freeBlock(2);
		Processes.Running earlier = start("--server.port=" + port, "--sample.echo.port=" + echo);
		assertThat(earlier.awaitStarted()).isEqualTo(port);
		awaitCount(InstanceRegistry.at(this.registryDirectory), 1);
		Files.setPosixFilePermissions(this.registryDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));
		Processes.Running later = start("--server.port=" + port, "--sample.echo.port=" + echo,
				"--portguard.replace.enabled=true", "--portguard.sticky=true");
		assertThat(later.awaitStarted()).isEqualTo(port + 1);
		assertThat(earlier.isAlive()).isTrue();
		assertThat(later.output()).contains("WARN")
			.contains("portguard does not use its instance registry: " + this.registryDirectory
					+ " is writable by other users (rwxrwxrwx); make it private: chmod 700 " + this.registryDirectory)
			.doesNotContain("Stopped the earlier instance");
		assertThat(InstanceRegistry.at(this.registryDirectory).instances(APP)).isEmpty();
	}

	@Test
	void anUnwritableRegistryCostsAWarningNotTheStartUp() {
		int port = Processes.freeBlock(1);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1), "--portguard.registry.directory=/proc/portguard");
		assertThat(app.awaitStarted()).isEqualTo(port);
		assertThat(app.awaitOutput((text) -> text.contains("portguard cannot write its instance registry"),
				Duration.ofSeconds(30)))
			.isTrue();
		assertThat(app.output()).contains("WARN")
			.contains("portguard cannot write its instance registry in /proc/portguard")
			.contains("this instance is not discoverable");
	}

	@Test
	void plantedFilesInTheRegistryNeitherBlockNorCrashStartUpOrDiscovery() throws Exception {
		Files.createSymbolicLink(this.registryDirectory.resolve(APP + "--evil.json"), Path.of("/dev/zero"));
		try (RandomAccessFile big = new RandomAccessFile(this.registryDirectory.resolve("big.json").toFile(), "rw")) {
			big.setLength(100L * 1024 * 1024);
		}
		Process mkfifo = new ProcessBuilder("mkfifo", this.registryDirectory.resolve("fifo.json").toString()).start();
		assertThat(mkfifo.waitFor()).isZero();
		Files.createDirectory(this.registryDirectory.resolve("x.json"));
		int port = Processes.freeBlock(1);
		Processes.Running app = start("--server.port=" + port, "--sample.echo.port=" + Processes.freeBlock(1),
				"--portguard.sticky=true", "--portguard.replace.enabled=true");
		assertThat(app.awaitStarted()).isEqualTo(port);
		InstanceRegistry registry = InstanceRegistry.at(this.registryDirectory);
		awaitCount(registry, 1);
		assertThat(registry.instances(APP)).extracting(Instance::pid).containsExactly(app.pid());
	}

	@Test
	void corruptAndForeignFilesInTheRegistryAreSkipped() throws IOException {
		Files.writeString(this.registryDirectory.resolve(APP + "--corrupt.json"), "{\"application\":");
		Files.writeString(this.registryDirectory.resolve("notes.json"), "[1, 2, 3]");
		int port = Processes.freeBlock(1);
		Processes.Running app = start("--server.port=" + port, "--sample.echo.port=" + Processes.freeBlock(1),
				"--portguard.sticky=true");
		assertThat(app.awaitStarted()).isEqualTo(port);
		InstanceRegistry registry = InstanceRegistry.at(this.registryDirectory);
		awaitCount(registry, 1);
		assertThat(registry.instances(APP)).extracting(Instance::pid).containsExactly(app.pid());
		assertThat(this.registryDirectory.resolve("notes.json")).exists();
	}

	private Processes.Running start(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--portguard.registry.directory=" + this.registryDirectory;
		System.arraycopy(args, 0, all, 1, args.length);
		return this.processes.sampleApp(all);
	}

	private static int echoPort(Processes.Running app) {
		app.awaitOutput((text) -> ECHO.matcher(text).find(), Duration.ofSeconds(30));
		Matcher matcher = ECHO.matcher(app.output());
		assertThat(matcher.find()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static void awaitCount(InstanceRegistry registry, int count) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(registry.instances(APP)).hasSize(count));
	}

}
