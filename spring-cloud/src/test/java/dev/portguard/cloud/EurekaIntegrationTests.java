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
			assertThat(registered(eurekaPort, 3)).containsExactlyInAnyOrderElementsOf(logged);
		}
	}

	/**
	 * Wait until Eureka lists a number of instances of the service, and return "port/management.port" of each.
	 */
	private static List<String> registered(int eurekaPort, int count) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + eurekaPort + "/eureka/apps/PORTGUARD-EUREKA-DEMO"))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			last = response.statusCode() + " " + response.body();
			if (response.statusCode() == 200) {
				JsonNode instances = JsonMapper.builder().build().readTree(response.body()).path("application")
					.path("instance");
				if (instances.size() == count) {
					List<String> ports = new ArrayList<>();
					for (JsonNode instance : instances) {
						ports.add(instance.path("port").path("$").asInt() + "/"
								+ instance.path("metadata").path("management.port").asString());
					}
					return ports;
				}
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Eureka did not list " + count + " instances in time; last answer: " + last);
	}

}
