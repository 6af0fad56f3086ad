package dev.portguard.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InstanceRegistry}, with real processes for live and dead instances.
 */
class InstanceRegistryTests {

	@TempDir
	Path directory;

	@Test
	void registeredInstanceOfThisProcessIsFoundAndDeregistered() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		Instance instance = self("orders", Map.of("server", 8081, "echo", 7070));
		Path file = registry.register(instance);
		assertThat(file).exists();
		assertThat(Files.list(this.directory)).containsExactly(file);
		assertThat(registry.instances("orders")).singleElement().satisfies((found) -> {
			assertThat(found).isEqualTo(instance);
			assertThat(found.port("server")).hasValue(8081);
		});
		assertThat(registry.instances("billing")).isEmpty();
		registry.deregister(instance);
		assertThat(registry.instances("orders")).isEmpty();
		assertThat(file).doesNotExist();
	}

	@Test
	void instanceOfADeadProcessIsIgnoredAndPruned() throws Exception {
		Process process = new ProcessBuilder("sleep", "60").start();
		Instant start = process.info().startInstant().orElseThrow();
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		Path file = registry.register(new Instance("orders", "dead", process.pid(), start, ThisMachine.host(), "user",
				Map.of("server", 8081), null, Instant.now(), null));
		assertThat(registry.instances("orders")).hasSize(1);
		process.destroyForcibly();
		process.waitFor(10, TimeUnit.SECONDS);
		assertThat(registry.instances("orders")).isEmpty();
		assertThat(file).doesNotExist();
	}

	@Test
	void pidReusedByAnotherProcessIsStale() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		ProcessHandle self = ProcessHandle.current();
		Path file = registry.register(new Instance("orders", "reused", self.pid(),
				self.info().startInstant().orElseThrow().minusSeconds(3600), ThisMachine.host(), "user", Map.of(), null,
				Instant.now(), null));
		assertThat(registry.instances()).isEmpty();
		assertThat(file).doesNotExist();
	}

	@Test
	void corruptAndForeignFilesAreSkippedAndKept() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		Path corrupt = Files.writeString(this.directory.resolve("orders--broken.json"), "{\"application\": \"ord");
		Path foreign = Files.writeString(this.directory.resolve("other-tool.json"), "{\"name\": \"x\", \"list\": [1]}");
		Path wrongFormat = Files.writeString(this.directory.resolve("orders--x.json"), "{\"format\": \"v9\"}");
		registry.register(self("orders", Map.of("server", 8081)));
		assertThat(registry.instances("orders")).hasSize(1);
		assertThat(corrupt).exists();
		assertThat(foreign).exists();
		assertThat(wrongFormat).exists();
	}

	@Test
	void namesWithOddCharactersAreStoredSafely() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		Instance instance = self("../evil \"app\"\n", Map.of("server", 8081));
		Path file = registry.register(instance);
		assertThat(file.getParent()).isEqualTo(this.directory);
		assertThat(registry.instances("../evil \"app\"\n")).containsExactly(instance);
	}

	@Test
	void lastPortsAreRemembered() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		assertThat(registry.lastPorts("orders", "orders.jar")).isEmpty();
		registry.rememberPorts("orders", "orders.jar", Map.of("server", 8082));
		assertThat(registry.lastPorts("orders", "orders.jar")).containsExactly(Map.entry("server", 8082));
		assertThat(registry.lastPorts("orders", "com.example.OtherApp")).isEmpty();
		assertThat(registry.instances()).isEmpty();
	}

	@Test
	void awaitInstanceReturnsOnceThePortAcceptsConnections() throws Exception {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		int port = Sockets.freeBlock(1);
		try (ServerSocket server = Sockets.listen(Sockets.loopback(), port)) {
			registry.register(new Instance("orders", "up", ProcessHandle.current().pid(),
					ProcessHandle.current().info().startInstant().orElseThrow(), ThisMachine.host(), "user",
					Map.of("server", port), "http://127.0.0.1:" + port, Instant.now(), null));
			assertThat(registry.awaitInstance("orders", Duration.ofSeconds(5)).port("server")).hasValue(port);
		}
		assertThatExceptionOfType(TimeoutException.class)
			.isThrownBy(() -> registry.awaitInstance("billing", Duration.ofMillis(300)));
	}

	@Test
	void unwritableDirectoryFailsToRegister() throws IOException {
		Path file = Files.writeString(this.directory.resolve("a-file"), "x");
		InstanceRegistry registry = InstanceRegistry.at(file.resolve("instances"));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> registry.register(self("orders", Map.of())));
		assertThat(registry.instances()).isEmpty();
	}

	@Test
	void defaultDirectoryIsUnderTheHomeDirectory() {
		assertThat(InstanceRegistry.defaultDirectory().toString()).endsWith(".portguard/instances");
		assertThat(List.of(InstanceRegistry.atDefaultDirectory().getDirectory()))
			.containsExactly(InstanceRegistry.defaultDirectory());
	}

	private static Instance self(String application, Map<String, Integer> ports) {
		ProcessHandle self = ProcessHandle.current();
		return new Instance(application, "id-" + application.hashCode(), self.pid(),
				self.info().startInstant().orElseThrow(), ThisMachine.host(), System.getProperty("user.name"), ports,
				"http://127.0.0.1:8081", Instant.parse("2026-01-01T00:00:00Z"), null);
	}

}
