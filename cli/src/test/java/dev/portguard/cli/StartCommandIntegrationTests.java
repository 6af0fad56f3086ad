package dev.portguard.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code portguard start}: the sample app started when none runs, returned when one runs, started once for two
 * clients at the same moment, and a command that exits at once.
 */
class StartCommandIntegrationTests {

	private static final String APP = "portguard-sample-app";

	private final Processes processes = new Processes("start");

	@AfterEach
	void stop() {
		this.processes.close();
	}

	@Test
	void startWhenNoneRunsStartsTheServerOnAFreePortAndPrintsItsUrl() throws Exception {
		int base = Processes.freeBlock(4);
		Process python = this.processes.python(base);
		Path output = this.processes.registry().resolveSibling("start-output.log");
		Processes.Result result = this.processes.portguard(start(base, "--output", output.toString()));
		assertThat(result.exitCode()).as(result.err()).isZero();
		String url = "http://127.0.0.1:" + (base + 1);
		assertThat(result.errLines()).containsExactly("Server not running. Starting server...",
				"Port " + base + " in use, using port " + (base + 1),
				"Waiting for server to start on port " + (base + 1) + "...",
				"Server started successfully on " + url + "!");
		assertThat(result.out()).isEqualTo(url + "\n");
		assertThat(get(url + "/actuator/health")).isEqualTo(200);
		assertThat(Files.readString(output)).contains("Started SampleApplication");
		assertThat(python.isAlive()).isTrue();
	}

	@Test
	void startWhenOneRunsReturnsItWithoutStartingAnother() {
		int base = Processes.freeBlock(4);
		this.processes.sampleApp("--server.port=" + base, "--sample.echo.port=" + (base + 3));
		String url = "http://127.0.0.1:" + base;
		Processes.Result result = this.processes.portguard(start(base + 1));
		assertThat(result.exitCode()).isZero();
		assertThat(result.errLines()).containsExactly("Server already running on " + url);
		assertThat(result.out()).isEqualTo(url + "\n");
		assertThat(instances()).isEqualTo(1);
	}

	@Test
	void twoStartsAtTheSameMomentStartOneServer() throws Exception {
		int base = Processes.freeBlock(4);
		List<Processes.Command> commands = new ArrayList<>();
		commands.add(this.processes.portguardStarted(start(base)));
		commands.add(this.processes.portguardStarted(start(base)));
		List<Processes.Result> results = new ArrayList<>();
		for (Processes.Command command : commands) {
			results.add(command.await());
		}
		String url = "http://127.0.0.1:" + base;
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.exitCode()).as(result.err()).isZero();
			assertThat(result.out()).isEqualTo(url + "\n");
		});
		assertThat(results).filteredOn((result) -> result.err().contains("Server not running")).hasSize(1);
		assertThat(results).filteredOn((result) -> result.err().equals("Server already running on " + url + "\n"))
			.hasSize(1);
		assertThat(instances()).isEqualTo(1);
	}

	@Test
	void startOfACommandThatExitsAtOnceFailsWithItsOutput() {
		Processes.Result result = this.processes.portguard("start", "boomer", "--", "sh", "-c", "echo boom; exit 3");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.out()).isEmpty();
		assertThat(result.errLines()).containsExactly("Server not running. Starting server...",
				"portguard: boomer exited with code 3 before it was up; the end of its output ("
						+ this.processes.registry().resolve("boomer.out") + "):",
				"boom");
	}

	@Test
	void startThatTimesOutStopsTheCommandAndSaysSo() {
		Processes.Result result = this.processes.portguard("start", "sleeper", "--timeout", "1s", "--", "sleep",
				"60");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.errLines()).hasSize(2);
		assertThat(result.errLines().get(1)).startsWith("portguard: sleeper was not up within 1000 ms; it was stopped");
	}

	private String[] start(int port, String... options) {
		List<String> args = new ArrayList<>(List.of("start", APP, "--timeout", "2m"));
		args.addAll(List.of(options));
		args.add("--");
		args.addAll(this.processes.sampleAppCommand("--server.port=" + port, "--sample.echo.port=" + (port + 3)));
		return args.toArray(String[]::new);
	}

	private int instances() {
		Processes.Result ps = this.processes.portguard("ps", "--json");
		return JsonMapper.builder().build().readTree(ps.out()).size();
	}

	private static int get(String url) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
