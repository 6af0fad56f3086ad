package dev.portguard.sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight instances of the packaged sample app started at the same moment, as separate JVMs, all asking for the same
 * ports: every one must come up, each on its own ports, answering on the port it logged.
 */
class ConcurrentStartIntegrationTests {

	private static final int INSTANCES = 8;

	private static final Pattern ECHO_STARTED = Pattern.compile("Echo listener started on port (\\d+)");

	@Test
	void eightInstancesStartedAtOnceAllComeUpOnDistinctPorts() {
		for (int round = 1; round <= 3; round++) {
			int port = Processes.freeBlock(20);
			int echo = Processes.freeBlock(20);
			// Both blocks are free when chosen, so the second may overlap the first; the servers and the echo
			// listeners need 20 ports each.
			while (Math.abs(echo - port) < 20) {
				echo = Processes.freeBlock(20);
			}
			try (Processes processes = new Processes()) {
				List<Processes.Running> apps = startAll(processes, "--server.port=" + port,
						"--sample.echo.port=" + echo);
				Set<Integer> serverPorts = new HashSet<>();
				Set<Integer> echoPorts = new HashSet<>();
				for (Processes.Running app : apps) {
					int served = app.awaitStarted();
					assertThat(app.output()).as("round %d", round).doesNotContain("APPLICATION FAILED TO START");
					assertThat(Processes.get(served, "/")).contains("\"port\":" + served);
					int echoPort = echoPort(app);
					assertThat(Processes.echo(echoPort, "round " + round)).isEqualTo("round " + round);
					serverPorts.add(served);
					echoPorts.add(echoPort);
				}
				assertThat(serverPorts).as("round %d server ports", round)
					.hasSize(INSTANCES)
					.allSatisfy((served) -> assertThat(served).isBetween(port, port + 19));
				assertThat(echoPorts).as("round %d echo ports", round).hasSize(INSTANCES);
			}
		}
	}

	@Test
	void withASeparateManagementPortEveryInstanceGetsTwoDistinctPorts() {
		for (int round = 1; round <= 2; round++) {
			int port = Processes.freeBlock(20);
			int management = Processes.freeBlock(20);
			while (Math.abs(management - port) < 20) {
				management = Processes.freeBlock(20);
			}
			int echo = Processes.freeBlock(20);
			while (Math.abs(echo - port) < 20 || Math.abs(echo - management) < 20) {
				echo = Processes.freeBlock(20);
			}
			try (Processes processes = new Processes()) {
				List<Processes.Running> apps = startAll(processes, "--server.port=" + port,
						"--management.server.port=" + management, "--sample.echo.port=" + echo);
				Set<Integer> allPorts = new HashSet<>();
				for (Processes.Running app : apps) {
					int served = app.awaitStarted();
					assertThat(app.output()).doesNotContain("APPLICATION FAILED TO START");
					assertThat(app.awaitOutput((text) -> text.contains("Tomcat started on port")
							&& text.indexOf("Tomcat started on port") != text.lastIndexOf("Tomcat started on port"),
							java.time.Duration.ofSeconds(60)))
						.as("management server started:\n%s", app.output())
						.isTrue();
					List<Integer> started = app.startedPorts();
					assertThat(started).hasSize(2);
					int managementPort = started.get(1);
					assertThat(started.get(0)).isEqualTo(served);
					assertThat(managementPort).isBetween(management, management + 19);
					assertThat(Processes.get(managementPort, "/actuator/health")).contains("\"status\":\"UP\"");
					assertThat(Processes.get(served, "/")).contains("\"port\":" + served);
					allPorts.add(served);
					allPorts.add(managementPort);
				}
				assertThat(allPorts).as("round %d: server and management ports of every instance", round)
					.hasSize(2 * INSTANCES);
			}
		}
	}

	private static List<Processes.Running> startAll(Processes processes, String... args) {
		List<Processes.Running> apps = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			apps.add(processes.sampleApp(args));
		}
		return apps;
	}

	private static int echoPort(Processes.Running app) {
		Matcher matcher = ECHO_STARTED.matcher(app.output());
		assertThat(matcher.find()).as("echo listener started:\n%s", app.output()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

}
