package dev.portguard.holder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Shell} and {@link OperatingSystem#argument(String)}: words from other processes become one
 * literal argument, checked with a real {@code sh}.
 */
class ShellTests {

	@Test
	void plainWordsStayAsTheyAre() {
		for (Shell shell : Shell.values()) {
			assertThat(shell.quote("pg-web_1.2")).isEqualTo("pg-web_1.2");
		}
	}

	@Test
	void posixQuotesInSingleQuotesAndEscapesTheSingleQuote() {
		assertThat(Shell.POSIX.quote(";rm -rf /")).isEqualTo("';rm -rf /'");
		assertThat(Shell.POSIX.quote("$(x)")).isEqualTo("'$(x)'");
		assertThat(Shell.POSIX.quote("it's")).isEqualTo("'it'\\''s'");
		assertThat(OperatingSystem.LINUX.argument("a`id`b")).isEqualTo("'a`id`b'");
		assertThat(OperatingSystem.MAC.argument("x y")).isEqualTo("'x y'");
	}

	@Test
	void powerShellQuotesInSingleQuotesAndDoublesEverySingleQuote() {
		assertThat(Shell.POWERSHELL.quote(";rm -rf /")).isEqualTo("';rm -rf /'");
		assertThat(Shell.POWERSHELL.quote("$(x)")).isEqualTo("'$(x)'");
		assertThat(Shell.POWERSHELL.quote("it's")).isEqualTo("'it''s'");
		assertThat(Shell.POWERSHELL.quote("a\u2019;b")).isEqualTo("'a\u2019\u2019;b'");
		assertThat(OperatingSystem.WINDOWS.argument("$env:USERNAME")).isEqualTo("'$env:USERNAME'");
	}

	@Test
	void powerShellRefusesWhatItPassesBadlyToNativePrograms() {
		assertThat(Shell.POWERSHELL.quote("a\"b")).isNull();
		assertThat(Shell.POWERSHELL.quote("a b\\")).isNull();
	}

	@Test
	void cmdQuotesInDoubleQuotesAndRefusesWhatExpandsThere() {
		assertThat(Shell.CMD.quote("a&b|c")).isEqualTo("\"a&b|c\"");
		assertThat(Shell.CMD.quote("%PATH%")).isNull();
		assertThat(Shell.CMD.quote("a!b")).isNull();
		assertThat(Shell.CMD.quote("a\"b")).isNull();
		assertThat(Shell.CMD.quote("a\\")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\nb", "a\u001b[31m", "a\u202eb", "a\u2066b", "a\u200bb", "a\ufeffb", "a\u2028b", "",
			"-rf", "--help" })
	void wordsWithInvisibleOrControlCharactersOrALeadingDashAreRefusedByEveryShell(String word) {
		for (Shell shell : Shell.values()) {
			assertThat(shell.quote(word)).as("%s %s", shell, word).isNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { ";rm -rf /", "$(touch /tmp/portguard-pwned)", "`id`", "it's", "'", "a'\\''b",
			"x\\y", "*", "~root", "a b", "${HOME}", "!!", "#x", "ü名前" })
	void aRealShellReadsTheQuotedWordBackAsItWas(String word) throws IOException, InterruptedException {
		String quoted = Shell.POSIX.quote(word);
		assertThat(quoted).isNotNull();
		Process process = new ProcessBuilder(List.of("sh", "-c", "printf '%s' " + quoted))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(new String(output, StandardCharsets.UTF_8)).isEqualTo(word);
	}

}
