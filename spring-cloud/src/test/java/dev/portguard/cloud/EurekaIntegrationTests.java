package dev.portguard.cloud;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.portguard.cloud.eureka.client.EurekaClientMain;
import dev.portguard.cloud.eureka.server.EurekaServerMain;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with a real registry: a Eureka server and three services with the Eureka client and auto-port, all
 * preferring the same server and management ports while another process holds the server port, one of them also
 * moved at bind time. Eureka must list each service with the ports it really bound.
 */
class EurekaIntegrationTests {

	private static final Path REGISTRY = Path.of("target/registry-eureka").toAbsolutePath();

	@Test
	void eurekaListsEveryInstanceWithThePortsItReallyBound() throws Exception {
		FileSystemUtils.deleteRecursively(REGISTRY);
		int base = Processes.freeBlock(40);
		int eurekaPort = base;
		int preferred = base + 10;
		int management = base + 25;
		try (Processes processes = new Processes()) {
			processes.python(preferred);
			Processes.Running eureka = processes.java("eureka-server", EurekaServerMain.class,
					"--server.port=" + eurekaPort, "--portguard.registry.directory=" + REGISTRY);
			eureka.awaitStarted("EurekaServerMain");
			List<Processes.Running> services = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				// The last one's chosen ports are taken between resolution and bind: both servers move at bind time.
				services.add(processes.java("service-" + i, EurekaClientMain.class, "--server.port=" + preferred,
						"--management.server.port=" + management, "--portguard.registry.directory=" + REGISTRY,
						"--eureka.client.service-url.defaultZone=http://127.0.0.1:" + eurekaPort + "/eureka/",
						(i == 2) ? "--squat" : "--no-squat"));
			}
			List<String> logged = new ArrayList<>();
			for (Processes.Running service : services) {
				service.awaitStarted("EurekaClientMain");
				List<Integer> ports = service.startedPorts();
				assertThat(ports).as(service.output()).hasSize(2).doesNotContain(preferred);
				logged.add(ports.get(0) + "/" + ports.get(1));
			}
			assertThat(services.get(2).output()).contains("SQUATTING server", "SQUATTING management",
					"is in use, using port", "Published management port " + logged.get(2).split("/")[1] + " to Eureka");
			assertThat(logged).doesNotHaveDuplicates();
			long started = System.nanoTime();
			assertThat(registered(eurekaPort, logged)).containsExactlyInAnyOrderElementsOf(logged);
			// Sent at once, not at the Eureka client's next replication (40 s after start, then every 30 s).
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
		}
	}

	/**
	 * Wait until Eureka lists the expected instances of the service, as "port/management.port" of each, and return
	 * the last listing (a port moved at bind time reaches Eureka in an update after the first registration).
	 */
	private static List<String> registered(int eurekaPort, List<String> expected)
			throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + eurekaPort + "/eureka/apps/PORTGUARD-EUREKA-DEMO"))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		List<String> ports = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200) {
				ports.clear();
				for (JsonNode instance : JsonMapper.builder().build().readTree(response.body()).path("application")
					.path("instance")) {
					ports.add(instance.path("port").path("$").asInt() + "/"
							+ instance.path("metadata").path("management.port").asString());
				}
				if (ports.size() == expected.size() && ports.containsAll(expected)) {
					return ports;
				}
			}
			Thread.sleep(250);
		}
		return ports;
	}

}
