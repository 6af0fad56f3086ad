package dev.portguard.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged command's help, and its answers to wrong command lines: exit code 2 and one line.
 */
class UsageIntegrationTests {

	private final Processes processes = new Processes("usage");

	@AfterEach
	void stop() {
		this.processes.close();
	}

	@Test
	void helpPrintsTheUsageAndExitsWithZero() {
		for (String help : new String[] { "--help", "help", "-h" }) {
			Processes.Result result = this.processes.portguard(help);
			assertThat(result.exitCode()).isZero();
			assertThat(result.out()).startsWith("Usage: portguard <command> [options]")
				.contains("Exit codes: 0 found or free, 1 not found or held");
		}
	}

	@Test
	void aPortOutOfRangeExitsWithTwoNamingIt() {
		assertUsageError(this.processes.portguard("who", "70000"),
				"portguard: '70000' is not a port; a port is a number from 1 to 65535");
		assertUsageError(this.processes.portguard("check", "8080", "0"),
				"portguard: '0' is not a port; a port is a number from 1 to 65535");
	}

	@Test
	void aPortThatIsNoNumberExitsWithTwoNamingIt() {
		assertUsageError(this.processes.portguard("who", "abc"),
				"portguard: 'abc' is not a port; a port is a number from 1 to 65535");
	}

	@Test
	void anUnknownOptionExitsWithTwo() {
		assertUsageError(this.processes.portguard("ps", "--verbose"),
				"portguard: unknown option --verbose; see portguard --help");
	}

	@Test
	void anOptionTheCommandDoesNotTakeExitsWithTwo() {
		assertUsageError(this.processes.portguard("start", "orders", "--json", "--", "true"),
				"portguard: start does not take --json; see portguard --help");
	}

	@Test
	void aDurationInAnotherFormExitsWithTwoNamingTheOptionAndTheAcceptedForm() {
		assertUsageError(this.processes.portguard("wait", "orders", "--timeout", "PT5S"),
				"portguard: --timeout 'PT5S' is not a duration; use a positive whole number with ms, s or m, such as "
						+ "500ms, 60s or 2m");
	}

	@Test
	void anUnknownCommandOrAMissingOperandExitsWithTwo() {
		assertUsageError(this.processes.portguard("status"), "portguard: unknown command 'status'; see portguard --help");
		assertUsageError(this.processes.portguard("url"),
				"portguard: missing operand; usage: portguard url <application> [--json]");
		assertUsageError(this.processes.portguard(), "portguard: no command given; see portguard --help");
	}

	@Test
	void startWithoutACommandExitsWithTwo() {
		assertUsageError(this.processes.portguard("start", "orders"), "portguard: start needs the command that "
				+ "starts orders after --; usage: portguard start <application> [--timeout 60s] [--output FILE] -- "
				+ "<command...>");
	}

	@Test
	void psWithNothingRegisteredExitsWithOne() {
		Processes.Result result = this.processes.portguard("ps");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.out()).isEmpty();
		assertThat(result.errLines())
			.containsExactly("portguard: no running instances registered in " + this.processes.registry());
	}

	private static void assertUsageError(Processes.Result result, String line) {
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.out()).isEmpty();
		assertThat(result.errLines()).containsExactly(line);
	}

}
