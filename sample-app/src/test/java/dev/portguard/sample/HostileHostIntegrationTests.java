package dev.portguard.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app on a hostile or unlucky host: fifty real listeners whose command lines are about 390 KB
 * each and carry secrets, and a preferred port whose earlier connection waits in TIME_WAIT.
 */
class HostileHostIntegrationTests {

	private static final List<String> SECRETS = List.of("s3cret-1", "s3cret-2", "s3cret-3", "s3cret-4", "s3cret-5");

	private final Processes processes = new Processes();

	@AfterEach
	void stopProcesses() {
		this.processes.close();
	}

	@Test
	void fiftyListenersWithHugeCommandLinesKeepResponsesSmallHealthUpAndSecretsMasked() {
		int hostile = Processes.freeBlock(50);
		Processes.Running listeners = hostileListeners(hostile, 50);
		int port = Processes.freeBlock(2);
		int echo = Processes.freeBlock(1);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port, "--sample.echo.port=" + echo);
		int actual = app.awaitStarted();
		String json = Processes.get(actual, "/actuator/ports");
		assertThat(json.length()).as("the JSON report with 50 listeners of 390 KB command lines").isLessThan(400_000);
		assertThat(json).doesNotContain(SECRETS);
		assertThat((String) JsonPath.read(json, "$.host.state")).isEqualTo("fresh");
		List<String> commandLines = JsonPath.read(json, "$.systemPorts[*].holder.commandLine");
		assertThat(commandLines).allSatisfy((commandLine) -> assertThat(commandLine).hasSizeLessThanOrEqualTo(4096));
		List<String> hostileCommandLines = JsonPath.read(json, "$.systemPorts[?(@.holder.pid == " + listeners.pid()
				+ ")].holder.commandLine");
		assertThat(hostileCommandLines).isNotEmpty().allSatisfy((commandLine) -> assertThat(commandLine)
			.contains("--password ******", "--db-pass=******", "PGPASSWORD=******", "postgres://app:******@db/orders",
					"Authorization: Bearer ******", "(cut)"));
		List<Integer> listed = JsonPath.read(json, "$.systemPorts[*].port");
		for (int i = 0; i < 50; i++) {
			assertThat(listed).contains(hostile + i);
		}
		assertThat((Integer) JsonPath.read(json, "$.ports[1].actual")).isEqualTo(echo);
		HttpResponse<String> html = Processes.request(actual, "/actuator/ports", "text/html");
		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.body().length()).isLessThan(600_000);
		assertThat(html.body()).doesNotContain(SECRETS).contains("PGPASSWORD=******");
		HttpResponse<String> health = Processes.request(actual, "/actuator/health", null);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(health.body(), "$.components.ports.status")).isEqualTo("UP");
		assertThat((String) JsonPath.read(health.body(), "$.components.ports.details.echo.status"))
			.isEqualTo("preferred");
	}

	@Test
	void withoutDetailsTheHostsListenersAreNotListed() {
		int hostile = Processes.freeBlock(3);
		hostileListeners(hostile, 3);
		Processes.Running app = this.processes.sampleApp("--server.port=" + Processes.freeBlock(2),
				"--sample.echo.port=" + Processes.freeBlock(1), "--management.endpoint.ports.show-details=never");
		String json = Processes.get(app.awaitStarted(), "/actuator/ports");
		assertThat((List<Object>) JsonPath.read(json, "$.systemPorts")).isEmpty();
		assertThat((Integer) JsonPath.read(json, "$.host.listeners")).isGreaterThanOrEqualTo(3);
		assertThat(json).doesNotContain(SECRETS).doesNotContain(String.valueOf(hostile));
	}

	@Test
	void theFailureAnalysisShowsCommandLinesOnlyWhenAskedAndMasksThem() {
		int hostile = Processes.freeBlock(1);
		Processes.Running listeners = hostileListeners(hostile, 1);
		Processes.Running hidden = this.processes.sampleApp("--portguard.auto=false", "--server.port=" + hostile,
				"--sample.echo.port=" + Processes.freeBlock(1));
		hidden.awaitExit();
		assertThat(hidden.output()).contains("Held by process " + listeners.pid() + " (python3)", "Path:", "User:")
			.doesNotContain("Command:")
			.doesNotContain(SECRETS);
		Processes.Running shown = this.processes.sampleApp("--portguard.auto=false", "--server.port=" + hostile,
				"--sample.echo.port=" + Processes.freeBlock(1), "--portguard.analysis.show-command-line=true");
		shown.awaitExit();
		String command = shown.output()
			.lines()
			.filter((line) -> line.trim().startsWith("Command:"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No command line in:\n" + shown.output()));
		assertThat(command.trim().length()).isLessThanOrEqualTo(4096 + "Command: ".length());
		assertThat(command).contains("--password ******", "Authorization: Bearer ******", "(cut)");
		assertThat(shown.output()).doesNotContain(SECRETS);
	}

	@Test
	void threeInstancesPreferringAPortInTimeWaitWithTheRetryOffGetThreePorts() {
		int port = Processes.freeBlock(6);
		leaveInTimeWait(port);
		List<Processes.Running> apps = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			apps.add(this.processes.sampleApp("--server.port=" + port, "--sample.echo.port=" + (port + 3 + i),
					"--portguard.retry.enabled=false", "--portguard.registry.enabled=false"));
		}
		Set<Integer> ports = new HashSet<>();
		for (Processes.Running app : apps) {
			ports.add(app.awaitStarted());
		}
		assertThat(ports).hasSize(3).allSatisfy((bound) -> assertThat(bound).isBetween(port, port + 2));
		for (int bound : ports) {
			assertThat(Processes.get(bound, "/actuator/health")).contains("\"UP\"");
		}
	}

	private Processes.Running hostileListeners(int base, int count) {
		String script = Paths.get("src/test/resources/hostile_listeners.py").toAbsolutePath().toString();
		Processes.Running listeners = this.processes.command(
				List.of("python3", script, String.valueOf(base), String.valueOf(count)), "127.0.0.1",
				base + count - 1);
		assertThat(listeners.awaitOutput((text) -> text.contains("LISTENING " + count), Duration.ofSeconds(30)))
			.as(listeners.output())
			.isTrue();
		return listeners;
	}

	/**
	 * Leave a connection of a port in TIME_WAIT with nothing listening: a server accepts a connection and closes
	 * its end first, as one does that stops with keep-alive clients. Checked with {@code ss}.
	 */
	private static void leaveInTimeWait(int port) {
		try (ServerSocket server = new ServerSocket()) {
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port); Socket accepted = server.accept()) {
				accepted.close();
				client.getInputStream().read();
			}
			Process ss = new ProcessBuilder("ss", "-Htan", "state", "time-wait", "sport", "= :" + port).start();
			String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(output).as("a connection of port %d in TIME_WAIT (ss from iproute2)", port).isNotBlank();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
