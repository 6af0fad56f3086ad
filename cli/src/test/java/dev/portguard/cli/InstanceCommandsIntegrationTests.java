package dev.portguard.cli;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ps}, {@code url}, {@code port} and {@code wait} against two running sample apps, one of them named
 * {@code orders}.
 */
class InstanceCommandsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Processes processes;

	private static int base;

	private static Process sample;

	private static Process orders;

	@BeforeAll
	static void startTwoInstances() {
		processes = new Processes("instances");
		base = Processes.freeBlock(4);
		sample = processes.sampleApp("--server.port=" + base, "--sample.echo.port=" + (base + 1));
		orders = processes.sampleApp("--server.port=" + (base + 2), "--sample.echo.port=" + (base + 3),
				"--spring.application.name=orders");
	}

	@AfterAll
	static void stop() {
		processes.close();
	}

	@Test
	void psListsEveryRunningInstanceWithPidPortsUrlAndUptime() {
		Processes.Result result = processes.portguard("ps");
		assertThat(result.exitCode()).isZero();
		assertThat(result.err()).isEmpty();
		List<String> lines = result.out().lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).startsWith("APPLICATION").contains("PID", "PORTS", "URL", "UPTIME");
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("orders ")
			.contains(" " + orders.pid() + " ", "echo=" + (base + 3), "server=" + (base + 2),
					"http://127.0.0.1:" + (base + 2))
			.matches(".*\\d+(s|m \\d\\ds)$"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("portguard-sample-app ")
			.contains(" " + sample.pid() + " ", "echo=" + (base + 1), "server=" + base, "http://127.0.0.1:" + base));
	}

	@Test
	void psJsonListsEveryInstanceForScripts() {
		Processes.Result result = processes.portguard("ps", "--json");
		assertThat(result.exitCode()).isZero();
		JsonNode instances = JSON.readTree(result.out());
		assertThat(instances.isArray()).isTrue();
		assertThat(instances).hasSize(2);
		JsonNode first = instances.get(0);
		assertThat(first.get("application").asString()).isEqualTo("orders");
		assertThat(first.get("pid").asLong()).isEqualTo(orders.pid());
		assertThat(first.get("ports").get("server").asInt()).isEqualTo(base + 2);
		assertThat(first.get("ports").get("echo").asInt()).isEqualTo(base + 3);
		assertThat(first.get("url").asString()).isEqualTo("http://127.0.0.1:" + (base + 2));
		assertThat(first.get("uptimeSeconds").asLong()).isNotNegative();
		assertThat(instances.get(1).get("pid").asLong()).isEqualTo(sample.pid());
	}

	@Test
	void urlPrintsOneLineForCurl() {
		Processes.Result result = processes.portguard("url", "orders");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).isEqualTo("http://127.0.0.1:" + (base + 2) + "\n");
		assertThat(processes.portguard("url", "portguard-sample-app").out())
			.isEqualTo("http://127.0.0.1:" + base + "\n");
	}

	@Test
	void urlJsonNamesTheInstance() {
		Processes.Result result = processes.portguard("url", "orders", "--json");
		assertThat(result.exitCode()).isZero();
		JsonNode instance = JSON.readTree(result.out());
		assertThat(instance.get("url").asString()).isEqualTo("http://127.0.0.1:" + (base + 2));
		assertThat(instance.get("pid").asLong()).isEqualTo(orders.pid());
	}

	@Test
	void portPrintsTheServerPortByDefaultAndOtherPortsByName() {
		assertThat(processes.portguard("port", "orders").out()).isEqualTo((base + 2) + "\n");
		assertThat(processes.portguard("port", "orders", "echo").out()).isEqualTo((base + 3) + "\n");
		Processes.Result json = processes.portguard("port", "portguard-sample-app", "echo", "--json");
		assertThat(JSON.readValue(json.out(), Map.class)).containsEntry("port", base + 1)
			.containsEntry("name", "echo")
			.containsEntry("application", "portguard-sample-app");
	}

	@Test
	void whoAndCheckNameTheRegisteredInstanceThatHoldsAPort() {
		Processes.Result who = processes.portguard("who", String.valueOf(base + 2));
		assertThat(who.exitCode()).isEqualTo(1);
		assertThat(who.out()).contains("Held by process " + orders.pid() + " (java), listening on 127.0.0.1:"
				+ (base + 2), "\n\nThis is orders, registered in " + processes.registry() + " (http://127.0.0.1:"
						+ (base + 2) + ").\n");
		JsonNode json = JSON.readTree(processes.portguard("who", String.valueOf(base + 2), "--json").out());
		assertThat(json.get("instance").get("application").asString()).isEqualTo("orders");
		Processes.Result check = processes.portguard("check", String.valueOf(base));
		assertThat(check.out()).startsWith(base + "  in use by portguard-sample-app (pid " + sample.pid() + ")  next free: ");
	}

	@Test
	void portWithAnUnknownNameExitsWithOneAndNamesThePortsThereAre() {
		Processes.Result result = processes.portguard("port", "orders", "admin");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.out()).isEmpty();
		assertThat(result.errLines()).containsExactly("portguard: orders (pid " + orders.pid()
				+ ") has no port named 'admin'; its ports: echo=" + (base + 3) + " server=" + (base + 2));
	}

	@Test
	void urlOfAnUnknownApplicationExitsWithOneAndOneLine() {
		Processes.Result result = processes.portguard("url", "billing");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.out()).isEmpty();
		assertThat(result.errLines())
			.containsExactly("portguard: no running instance of billing in " + processes.registry());
	}

	@Test
	void waitReturnsTheUrlOfARunningInstanceAndTimesOutOnAnUnknownOne() {
		Processes.Result running = processes.portguard("wait", "orders", "--timeout", "10s");
		assertThat(running.exitCode()).isZero();
		assertThat(running.out()).isEqualTo("http://127.0.0.1:" + (base + 2) + "\n");
		Processes.Result missing = processes.portguard("wait", "billing", "--timeout=500ms");
		assertThat(missing.exitCode()).isEqualTo(1);
		assertThat(missing.errLines()).singleElement()
			.asString()
			.startsWith("portguard: No instance of 'billing' came up in PT0.5S");
	}

}
