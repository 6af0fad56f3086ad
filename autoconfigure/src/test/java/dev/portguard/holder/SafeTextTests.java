package dev.portguard.holder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SafeText}.
 */
class SafeTextTests {

	@Test
	void bidirectionalControlsAreEscaped() {
		assertThat(SafeText.of("a\u202ab\u202bc\u202cd\u202de\u202ef")).isEqualTo("a\\u202ab\\u202bc\\u202cd\\u202de\\u202ef");
		assertThat(SafeText.of("\u2066x\u2067y\u2068z\u2069")).isEqualTo("\\u2066x\\u2067y\\u2068z\\u2069");
		assertThat(SafeText.of("\u200e\u200f\u061c")).isEqualTo("\\u200e\\u200f\\u061c");
	}

	@Test
	void invisibleCharactersAndSeparatorsAreEscaped() {
		assertThat(SafeText.of("a\u200bb\u200cc\u200dd")).isEqualTo("a\\u200bb\\u200cc\\u200dd");
		assertThat(SafeText.of("\ufeffa\u2028b\u2029c\u00add\u2060")).isEqualTo("\\ufeffa\\u2028b\\u2029c\\u00add\\u2060");
		// A tag character, outside the Basic Multilingual Plane, and a lone surrogate.
		assertThat(SafeText.of("a\udb40\udc01b\ud800")).isEqualTo("a\\udb40\\udc01b\\ud800");
	}

	@Test
	void controlCharactersAreEscaped() {
		assertThat(SafeText.of("\u001b[31mred\u0007\t\r\n\u007f\u0085")).isEqualTo(
				"\\u001b[31mred\\u0007\\u0009\\u000d\\u000a\\u007f\\u0085");
	}

	@Test
	void visibleTextIsLeftAsItIs() {
		String text = "python3 -m http.server 8080 <b>\"ü\" 名前 \ud83d\ude00";
		assertThat(SafeText.of(text)).isSameAs(text);
		assertThat(SafeText.isSafe(text)).isTrue();
		assertThat(SafeText.isSafe("a\u202eb")).isFalse();
		assertThat(SafeText.of(null)).isEqualTo("?");
	}

	@Test
	void commandLinesAreEscapedAndTheirSecretsMasked() {
		assertThat(SafeText.commandLine("app --password=hunter2 \u202e")).isEqualTo("app --password=****** \\u202e");
	}

}
