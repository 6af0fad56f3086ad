package dev.portguard.cli;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Arguments}.
 */
class ArgumentsTests {

	@Test
	void durationAcceptsMillisecondsSecondsAndMinutes() throws CommandException {
		assertThat(Arguments.duration("--timeout", "500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(Arguments.duration("--timeout", "60s")).isEqualTo(Duration.ofSeconds(60));
		assertThat(Arguments.duration("--timeout", "2m")).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void durationRejectsOtherFormsWithAUsageError() {
		for (String text : new String[] { "60", "1h", "PT5S", "-5s", "1.5s", "0s", "s", "", "9999999999s" }) {
			assertThatExceptionOfType(CommandException.class).isThrownBy(() -> Arguments.duration("--timeout", text))
				.withMessage("--timeout '" + text + "' is not a duration; use a positive whole number with ms, s or m, "
						+ "such as 500ms, 60s or 2m")
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
		}
	}

	@Test
	void portAcceptsOneTo65535() throws CommandException {
		assertThat(Arguments.port("1")).isEqualTo(1);
		assertThat(Arguments.port("65535")).isEqualTo(65535);
		for (String text : new String[] { "0", "65536", "-1", "08080x", "", "123456" }) {
			assertThatExceptionOfType(CommandException.class).isThrownBy(() -> Arguments.port(text))
				.withMessage("'" + text + "' is not a port; a port is a number from 1 to 65535");
		}
	}

	@Test
	void optionsGoAnywhereBeforeTheCommandAfterTwoDashes() throws CommandException {
		Arguments args = Arguments.parse(new String[] { "--timeout=5s", "start", "orders", "--output", "o.log", "--",
				"java", "--json", "-jar", "orders.jar" }, null);
		assertThat(args.name()).isEqualTo("start");
		assertThat(args.operands(1, 1, "")).containsExactly("orders");
		assertThat(args.option("--output")).isEqualTo("o.log");
		assertThat(args.duration("--timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
		assertThat(args.json()).isFalse();
		assertThat(args.command()).containsExactly("java", "--json", "-jar", "orders.jar");
	}

	@Test
	void registryOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() throws CommandException {
		assertThat(Arguments.parse(new String[] { "ps", "--registry", "/tmp/a" }, "/tmp/b").registry().getDirectory())
			.isEqualTo(Path.of("/tmp/a"));
		assertThat(Arguments.parse(new String[] { "ps" }, "/tmp/b").registry().getDirectory())
			.isEqualTo(Path.of("/tmp/b"));
		assertThat(Arguments.parse(new String[] { "ps" }, " ").registry().getDirectory())
			.isEqualTo(dev.portguard.registry.InstanceRegistry.defaultDirectory());
	}

	@Test
	void anUnknownOptionOrAMissingValueIsAUsageError() {
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> Arguments.parse(new String[] { "ps", "--all" }, null))
			.withMessage("unknown option --all; see portguard --help");
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> Arguments.parse(new String[] { "wait", "orders", "--timeout" }, null))
			.withMessage("--timeout needs a value; see portguard --help");
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> Arguments.parse(new String[] { "ps", "--json=yes" }, null))
			.withMessage("--json takes no value; see portguard --help");
	}

}
