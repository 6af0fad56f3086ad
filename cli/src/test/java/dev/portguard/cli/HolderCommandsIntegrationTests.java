package dev.portguard.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code who} and {@code check} on ports held by real processes: Python's {@code http.server} and a container.
 */
class HolderCommandsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Processes processes = new Processes("holders");

	@AfterEach
	void stop() {
		this.processes.close();
	}

	@Test
	void whoOnAPortHeldByPythonNamesTheProcessAndHowToStopIt() {
		int port = Processes.freeBlock(2);
		Process python = this.processes.python(port);
		Processes.Result result = this.processes.portguard("who", String.valueOf(port));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).isEmpty();
		assertThat(result.out()).startsWith("Port " + port + " is in use.\n\nHeld by process " + python.pid()
				+ " (python3), listening on 127.0.0.1:" + port + ":\n")
			.contains("    Path:    /", "\nWhat you can do:\n1. Stop the process that holds the port: kill "
					+ python.pid() + "\n   (if it does not stop: kill -9 " + python.pid() + ")\n")
			.contains("Use another port, free right now: --server.port=" + (port + 1));
	}

	@Test
	void whoJsonGivesTheHolderAndTheRemediesForScripts() {
		int port = Processes.freeBlock(2);
		Process python = this.processes.python(port);
		Processes.Result result = this.processes.portguard("who", String.valueOf(port), "--json");
		assertThat(result.exitCode()).isEqualTo(1);
		JsonNode json = JSON.readTree(result.out());
		assertThat(json.get("port").asInt()).isEqualTo(port);
		assertThat(json.get("free").asBoolean()).isFalse();
		assertThat(json.get("status").asString()).isEqualTo("FOUND");
		JsonNode holder = json.get("holders").get(0);
		assertThat(holder.get("pid").asLong()).isEqualTo(python.pid());
		assertThat(holder.get("name").asString()).isEqualTo("python3");
		assertThat(holder.get("listening").asString()).isEqualTo("127.0.0.1:" + port);
		assertThat(json.get("freePort").asInt()).isEqualTo(port + 1);
		assertThat(json.get("action").asString()).startsWith("1. Stop the process that holds the port: kill "
				+ python.pid());
	}

	@Test
	void whoOnAPortPublishedByAContainerNamesTheContainerAndHowToStopIt() {
		int port = Processes.freeBlock(2);
		String name = "portguard-cli-who-" + port;
		this.processes.container(name, port);
		Processes.Result result = this.processes.portguard("who", String.valueOf(port));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.out()).startsWith("Port " + port + " is in use.\n\nHeld by process ")
			.contains("\n    Container: " + name + " (id ", ", image portguard/busybox:local), published by docker")
			.contains("\n1. Stop the container that publishes the port: docker stop " + name + "\n");
		JsonNode json = JSON.readTree(this.processes.portguard("who", String.valueOf(port), "--json").out());
		JsonNode container = json.get("holders").get(0).get("container");
		assertThat(container.get("name").asString()).isEqualTo(name);
		assertThat(container.get("runtime").asString()).isEqualTo("docker");
	}

	@Test
	void whoOnAFreePortSaysSoAndExitsWithZero() {
		int port = Processes.freeBlock(1);
		Processes.Result result = this.processes.portguard("who", String.valueOf(port));
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).isEqualTo("Port " + port + " is free.\n");
	}

	@Test
	void checkSaysOfEachPortWhetherItIsFreeAndWhoHoldsItAndTheNextFreePort() {
		int port = Processes.freeBlock(3);
		Process python = this.processes.python(port);
		Processes.Result result = this.processes.portguard("check", String.valueOf(port),
				String.valueOf(port + 2));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.out().lines()).containsExactly(
				port + "  in use by python3 (pid " + python.pid() + ", 127.0.0.1:" + port + ")  next free: "
						+ (port + 1),
				(port + 2) + "  free");
		JsonNode json = JSON.readTree(this.processes.portguard("check", String.valueOf(port), "--json").out());
		assertThat(json.get(0).get("free").asBoolean()).isFalse();
		assertThat(json.get(0).get("holders").get(0).get("pid").asLong()).isEqualTo(python.pid());
		assertThat(json.get(0).get("freePort").asInt()).isEqualTo(port + 1);
	}

	@Test
	void checkOfFreePortsExitsWithZero() {
		int port = Processes.freeBlock(2);
		Processes.Result result = this.processes.portguard("check", String.valueOf(port), String.valueOf(port + 1),
				"--json");
		assertThat(result.exitCode()).isZero();
		JsonNode json = JSON.readTree(result.out());
		assertThat(json).hasSize(2);
		assertThat(json.get(1).get("free").asBoolean()).isTrue();
	}

}
