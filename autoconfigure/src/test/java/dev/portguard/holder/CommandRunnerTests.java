package dev.portguard.holder;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CommandRunner} with real processes: output larger than a pipe holds, a tool that hangs, one
 * that is missing, one that fails.
 */
class CommandRunnerTests {

	@Test
	void outputLargerThanAPipeHoldsIsReadWhileTheToolRuns() {
		CommandRunner.Result result = CommandRunner.run(
				List.of("python3", "-c", "import sys; sys.stdout.write('x' * 70000)"), Duration.ofSeconds(10));
		assertThat(result.outcome()).isEqualTo(CommandRunner.Outcome.EXITED);
		assertThat(result.succeeded()).isTrue();
		assertThat(result.output()).hasSize(70000);
	}

	@Test
	void outputBeyondTheLimitIsDroppedWithoutBlockingTheTool() {
		CommandRunner.Result result = CommandRunner.run(
				List.of("python3", "-c", "import sys; sys.stdout.write('y' * (3 * 1024 * 1024))"),
				Duration.ofSeconds(10));
		assertThat(result.succeeded()).isTrue();
		assertThat(result.output()).hasSize(CommandRunner.MAX_OUTPUT);
	}

	@Test
	void aToolThatHangsIsStoppedAndReportedAsTimedOut() {
		long start = System.nanoTime();
		CommandRunner.Result result = CommandRunner.run(List.of("sleep", "30"), Duration.ofMillis(300));
		assertThat(result.outcome()).isEqualTo(CommandRunner.Outcome.TIMED_OUT);
		assertThat(result.failure()).isEqualTo("sleep did not answer within 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
	}

	@Test
	void aMissingToolIsReportedAsNotRun() {
		CommandRunner.Result result = CommandRunner.run(List.of("portguard-no-such-tool"), Duration.ofSeconds(2));
		assertThat(result.outcome()).isEqualTo(CommandRunner.Outcome.NOT_RUN);
		assertThat(result.failure()).isEqualTo("portguard-no-such-tool could not be run");
		assertThat(CommandRunner.isAvailable("portguard-no-such-tool")).isFalse();
		assertThat(CommandRunner.isAvailable("sh")).isTrue();
	}

	@Test
	void aFailingToolKeepsItsExitCodeAndOutput() {
		CommandRunner.Result result = CommandRunner.run(List.of("sh", "-c", "echo partial; exit 3"),
				Duration.ofSeconds(10));
		assertThat(result.succeeded()).isFalse();
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.output()).isEqualTo("partial\n");
		assertThat(result.failure()).isEqualTo("sh failed (exit code 3)");
	}

}
