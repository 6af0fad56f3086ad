package dev.portguard.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;
import dev.portguard.registry.ThisMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortguardDiscoveryClient} and {@link PortguardReactiveDiscoveryClient} on a real registry
 * directory.
 */
class PortguardDiscoveryClientTests {

	@TempDir
	Path directory;

	private final AtomicLong nanoTime = new AtomicLong();

	@Test
	void liveInstanceBecomesAServiceInstanceWithItsRealPortsAndMetadata() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		registry.register(self("orders", "orders-1", Map.of("server", 8081, "management", 9091, "echo", 7071),
				"http://127.0.0.1:8081"));
		PortguardDiscoveryClient client = client(registry);
		assertThat(client.getServices()).containsExactly("orders");
		assertThat(client.getInstances("orders")).singleElement().satisfies((instance) -> {
			assertThat(instance.getServiceId()).isEqualTo("orders");
			assertThat(instance.getInstanceId()).isEqualTo("orders-1");
			assertThat(instance.getHost()).isEqualTo("127.0.0.1");
			assertThat(instance.getPort()).isEqualTo(8081);
			assertThat(instance.isSecure()).isFalse();
			assertThat(instance.getUri()).hasToString("http://127.0.0.1:8081");
			assertThat(instance.getMetadata()).containsExactly(
					Map.entry("pid", Long.toString(ProcessHandle.current().pid())), Map.entry("port.echo", "7071"),
					Map.entry("port.management", "9091"), Map.entry("port.server", "8081"),
					Map.entry("management.port", "9091"));
		});
	}

	@Test
	void httpsBaseUrlMakesASecureInstance() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		registry.register(self("orders", "orders-1", Map.of("server", 8443), "https://127.0.0.1:8443"));
		ServiceInstance instance = client(registry).getInstances("orders").get(0);
		assertThat(instance.isSecure()).isTrue();
		assertThat(instance.getUri()).hasToString("https://127.0.0.1:8443");
		assertThat(instance.getMetadata()).doesNotContainKey("management.port");
	}

	@Test
	void instanceWithoutABaseUrlIsCalledOnLoopbackAtItsServerPort() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		registry.register(self("orders", "orders-1", Map.of("server", 8082), null));
		assertThat(client(registry).getInstances("orders")).singleElement()
			.satisfies((instance) -> assertThat(instance.getUri()).hasToString("http://127.0.0.1:8082"));
	}

	@Test
	void instanceWithoutAWebServerIsNotOffered() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		registry.register(self("worker", "worker-1", Map.of("echo", 7070), null));
		PortguardDiscoveryClient client = client(registry);
		assertThat(client.getInstances("worker")).isEmpty();
		assertThat(client.getServices()).isEmpty();
	}

	@Test
	void serviceIdMatchesInAnyCaseAsHostNamesDo() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		registry.register(self("Orders", "orders-1", Map.of("server", 8081), "http://127.0.0.1:8081"));
		PortguardDiscoveryClient client = client(registry);
		assertThat(client.getInstances("orders")).hasSize(1);
		assertThat(client.getInstances("ORDERS")).hasSize(1);
		assertThat(client.getServices()).containsExactly("Orders");
	}

	@Test
	void instanceOfAProcessThatIsGoneIsNotOffered() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		registry.register(new Instance("orders", "gone", Long.MAX_VALUE / 2, Instant.now(), ThisMachine.host(), "user",
				Map.of("server", 8081), "http://127.0.0.1:8081", Instant.now(), null));
		assertThat(client(registry).getInstances("orders")).isEmpty();
	}

	@Test
	void registryIsReadAgainOnlyAfterTheTimeToLive() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		Path file = registry.register(self("orders", "orders-1", Map.of("server", 8081), "http://127.0.0.1:8081"));
		PortguardDiscoveryClient client = client(registry);
		assertThat(client.getInstances("orders")).hasSize(1);
		Files.delete(file);
		this.nanoTime.addAndGet(Duration.ofMillis(999).toNanos());
		assertThat(client.getInstances("orders")).hasSize(1);
		this.nanoTime.addAndGet(Duration.ofMillis(1).toNanos());
		assertThat(client.getInstances("orders")).isEmpty();
	}

	@Test
	void reactiveClientServesTheSameInstances() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		registry.register(self("orders", "orders-1", Map.of("server", 8081), "http://127.0.0.1:8081"));
		PortguardReactiveDiscoveryClient client = new PortguardReactiveDiscoveryClient(registry, Duration.ofSeconds(1),
				Integer.MAX_VALUE);
		assertThat(client.getInstances("orders").map(ServiceInstance::getPort).collectList().block())
			.containsExactly(8081);
		assertThat(client.getServices().collectList().block()).containsExactly("orders");
	}

	@Test
	void unsafeRegistryOffersNothing() throws IOException {
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		registry.register(self("orders", "orders-1", Map.of("server", 8081), "http://127.0.0.1:8081"));
		Files.setPosixFilePermissions(this.directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThat(client(registry).getInstances("orders")).isEmpty();
	}

	private PortguardDiscoveryClient client(InstanceRegistry registry) {
		return new PortguardDiscoveryClient(
				new PortguardServiceInstances(registry, Duration.ofSeconds(1), this.nanoTime::get), Integer.MAX_VALUE);
	}

	private static Instance self(String application, String id, Map<String, Integer> ports, String baseUrl) {
		ProcessHandle self = ProcessHandle.current();
		return new Instance(application, id, self.pid(), self.info().startInstant().orElseThrow(), ThisMachine.host(),
				"user", ports, baseUrl, Instant.now(), null);
	}

}
