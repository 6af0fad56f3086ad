package dev.portguard.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the failure analysis and the pre-flight check: the packaged sample app started as a real
 * process, its port held by another real process.
 */
class FailureAnalysisIntegrationTests {

	private static final Pattern SUGGESTED = Pattern.compile("Use another port, free right now: --server\\.port=(\\d+)");

	private final Processes processes = new Processes();

	@AfterEach
	void stopProcesses() {
		this.processes.close();
	}

	@Test
	void analysisNamesThePythonHolderAndSuggestsAPortThatIsReallyFree() throws IOException {
		int port = Processes.freeBlock(3);
		Processes.Running python = this.processes.python("127.0.0.1", port);
		Processes.Running app = this.processes.sampleApp("--portguard.auto=false", "--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(app.awaitExit()).isNotZero();
		assertThat(app.output()).contains("APPLICATION FAILED TO START")
			.contains("Web server failed to start. Port " + port + " on 127.0.0.1 (server.port) is already in use.")
			.contains("Held by process " + python.pid() + " (python3), listening on 127.0.0.1:" + port)
			.contains("1. Stop the process that holds the port: kill " + python.pid())
			.contains("3. Let portguard choose a free port at start-up: portguard.auto=true");
		Matcher matcher = SUGGESTED.matcher(app.output());
		assertThat(matcher.find()).isTrue();
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(matcher.group(1))));
			assertThat(socket.isBound()).isTrue();
		}
	}

	@Test
	void anEarlierInstanceOfTheSampleAppIsCalledSo() {
		int port = Processes.freeBlock(2);
		Processes.Running first = this.processes.sampleApp("--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(first.awaitStarted()).isEqualTo(port);
		Processes.Running second = this.processes.sampleApp("--portguard.auto=false", "--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(second.awaitExit()).isNotZero();
		assertThat(second.output()).contains("Held by process " + first.pid() + " (java)")
			.contains("This is an earlier instance of this application.")
			.contains("1. Stop the earlier instance of this application that holds the port: kill " + first.pid());
	}

	@Test
	void aPrivilegedPortWithoutPrivilegeIsPermissionDeniedNotInUse() throws IOException {
		List<String> asNobody = Processes.asNobody();
		Processes.Running fixed = this.processes.sampleAppAs(asNobody, "--portguard.auto=false", "--server.port=80",
				"--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(fixed.awaitExit()).isNotZero();
		assertThat(fixed.output()).contains("Port 80 on 127.0.0.1 (server.port) cannot be bound: permission denied.")
			.contains("1. Use a port of 1024 or above: --server.port=8080")
			.doesNotContain("already in use");
		Processes.Running auto = this.processes.sampleAppAs(asNobody, "--server.port=80",
				"--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(auto.awaitExit()).isNotZero();
		assertThat(auto.output()).contains("Port 80 for 'server' (server.port=80) on 127.0.0.1 cannot be bound: "
				+ "permission denied.")
			.doesNotContain("in use");
	}

	@Test
	void privilegedPortsOfTheRangeAreSkippedWithoutPrivilegeAndTheAppStartsOnTheFirstFreeOne() throws IOException {
		int port = Processes.freeBlock(1);
		this.processes.python("127.0.0.1", port);
		Processes.Running app = this.processes.sampleAppAs(Processes.asNobody(), "--server.port=" + port,
				"--portguard.max-attempts=1", "--portguard.range=1-65535",
				"--sample.echo.port=" + Processes.freeBlock(1));
		int started = app.awaitStarted();
		assertThat(started).isGreaterThanOrEqualTo(1024);
		assertThat(app.output()).contains("Port " + port + " is in use, using port " + started
				+ " instead (server.port); also refused: 1-1023 (permission denied: privileged, skipped)")
			.doesNotContain("APPLICATION FAILED TO START");
		assertThat(Processes.get(started, "/")).contains(String.valueOf(started));
	}

	@Test
	void anAddressThatIsNotLocalCannotBeAssigned() {
		Processes.Running app = this.processes.sampleApp("--portguard.auto=false", "--server.address=192.0.2.1",
				"--server.port=" + Processes.freeBlock(1), "--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(app.awaitExit()).isNotZero();
		assertThat(app.output()).contains("server.address=192.0.2.1 cannot be bound on port")
			.contains("cannot assign requested address. It is not an address of this machine.")
			.contains("This machine's addresses: ")
			.doesNotContain("already in use");
	}

	@Test
	void preflightCheckWithAutoOffReportsTheHolderAndFails() {
		int port = Processes.freeBlock(2);
		int echo = Processes.freeBlock(1);
		Processes.Running python = this.processes.python("127.0.0.1", port);
		Processes.Running check = this.processes.sampleApp("--portguard.check", "--portguard.auto=false",
				"--server.port=" + port, "--sample.echo.port=" + echo);
		assertThat(check.awaitExit()).isEqualTo(1);
		assertThat(check.output()).contains("portguard pre-flight check (portguard.auto=false)")
			.containsPattern("\\| server +\\| server\\.port +\\| " + port + " +\\| 127\\.0\\.0\\.1 \\| in use \\| "
					+ python.pid() + " python3 +\\| none: portguard\\.auto is off \\|")
			.containsPattern("\\| echo +\\| sample\\.echo\\.port \\| " + echo + " +\\| 127\\.0\\.0\\.1 \\| free +\\| +\\| "
					+ echo + " +\\|")
			.contains("1 port is taken and portguard.auto is off: start-up would fail.")
			.doesNotContain("Started SampleApplication");
	}

	@Test
	void preflightCheckWithAutoOnShowsTheFallbackAndSucceeds() {
		int port = Processes.freeBlock(2);
		this.processes.python("127.0.0.1", port);
		Processes.Running check = this.processes.sampleApp("--portguard.check", "--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(check.awaitExit()).isZero();
		assertThat(check.output()).containsPattern("\\| server +\\| server\\.port +\\| " + port + " .*\\| in use \\| .*\\| "
				+ (port + 1) + " +\\|")
			.contains("Every managed port can be served: start-up would succeed.");
	}

}
