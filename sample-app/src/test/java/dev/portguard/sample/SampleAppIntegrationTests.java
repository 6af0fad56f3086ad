package dev.portguard.sample;

import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests: the packaged sample app started with {@code java -jar} while other real processes hold its
 * ports.
 */
class SampleAppIntegrationTests {

	private final Processes processes = new Processes();

	@AfterEach
	void stopProcesses() {
		this.processes.close();
	}

	@Test
	void whenPythonHoldsThePreferredPortTheAppComesUpOnTheNextOneAndSaysSo() {
		int port = Processes.freeBlock(3);
		int echoPort = Processes.freeBlock(2);
		this.processes.python("127.0.0.1", port);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port, "--sample.echo.port=" + echoPort);
		assertThat(app.awaitStarted()).isEqualTo(port + 1);
		assertThat(app.output()).containsPattern(" WARN \\d+ --- .*PortguardEnvironmentPostProcessor\\s+: Port " + port
				+ " is in use, using port " + (port + 1) + " instead \\(server\\.port\\)");
		assertThat(Processes.get(port + 1, "/")).contains("\"port\":" + (port + 1))
			.contains("Hello from portguard-sample-app");
		assertThat(Processes.get(port + 1, "/actuator/health")).contains("\"status\":\"UP\"");
		assertThat(Processes.echo(echoPort, "ping")).isEqualTo("ping");
		assertThat(app.output()).contains("Echo listener started on port " + echoPort);
		// The app runs on the tests' Java: on Java 25 in the java-25 profile's run.
		assertThat(app.output()).contains("using Java " + System.getProperty("java.version"));
		Integer expected = Integer.getInteger("expected.java.feature");
		if (expected != null) {
			assertThat(Runtime.version().feature()).isEqualTo(expected);
		}
	}

	@Test
	void whenAnotherJvmHoldsTheEchoPortTheEchoListenerMovesToo() {
		int port = Processes.freeBlock(1);
		int echoPort = Processes.freeBlock(2);
		this.processes.jvm("0.0.0.0", echoPort);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port, "--sample.echo.port=" + echoPort);
		assertThat(app.awaitStarted()).isEqualTo(port);
		assertThat(app.output()).contains("Port " + echoPort + " is in use, using port " + (echoPort + 1)
				+ " instead (sample.echo.port)")
			.contains("Echo listener started on port " + (echoPort + 1));
		assertThat(Processes.echo(echoPort + 1, "hello")).isEqualTo("hello");
	}

	@Test
	void whenThePreferredPortIsFreeNothingIsLoggedAboveInfo() {
		int port = Processes.freeBlock(1);
		int echoPort = Processes.freeBlock(1);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port, "--sample.echo.port=" + echoPort);
		assertThat(app.awaitStarted()).isEqualTo(port);
		assertThat(Arrays.stream(app.output().split("\n")).filter((line) -> line.contains("dev.portguard")
				|| line.contains("d.p.a.")))
			.noneMatch((line) -> line.contains(" WARN ") || line.contains(" ERROR "));
		assertThat(Processes.get(port, "/")).contains("\"port\":" + port);
	}

	@Test
	void withoutAutoPortTheAppFailsToStartWhenItsPortIsHeld() {
		int port = Processes.freeBlock(1);
		int echoPort = Processes.freeBlock(1);
		Processes.Running holder = this.processes.jvm("127.0.0.1", port);
		Processes.Running app = this.processes.sampleApp("--portguard.auto=false", "--server.port=" + port,
				"--sample.echo.port=" + echoPort);
		assertThat(app.awaitExit()).isNotZero();
		assertThat(app.output()).contains("APPLICATION FAILED TO START")
			.contains("Port " + port + " on 127.0.0.1 (server.port) is already in use.")
			.contains("Held by process " + holder.pid() + " (java)")
			.doesNotContain("using port");
	}

	@Test
	void aMalformedPortEndsStartUpWithAnAnalysisNamingPropertyValueAndForm() {
		Processes.Running app = this.processes.sampleApp("--server.port=80a");
		assertThat(app.awaitExit()).isNotZero();
		assertThat(app.output()).contains("APPLICATION FAILED TO START")
			.contains("Property: server.port")
			.contains("Value: \"80a\"")
			.contains("Origin: \"server.port\" from property source \"commandLineArgs\"")
			.contains("Reason: not a whole number")
			.contains("set 'server.port' to a whole number from 0 to 65535 (0 picks a random port) or -1 (disabled)");
	}

	@Test
	void aReversedRangeEndsStartUpWithAnAnalysis() {
		Processes.Running app = this.processes.sampleApp("--portguard.range=10100-10000");
		assertThat(app.awaitExit()).isNotZero();
		assertThat(app.output()).contains("APPLICATION FAILED TO START")
			.contains("Property: portguard.range")
			.contains("Reason: the range is reversed (10100 is above 10000)");
	}

}
