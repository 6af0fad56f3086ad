package dev.portguard.diagnostics;

import dev.portguard.holder.PortHolder;
import org.jspecify.annotations.Nullable;

/**
 * Makes text that comes from other processes (names, paths, command lines, container names) safe to print: control
 * characters (terminal escape sequences among them) and bidirectional overrides are shown as {@code \\uXXXX}, and
 * values of secret-looking arguments in command lines are masked.
 */
final class SafeText {

	private SafeText() {
	}

	/**
	 * Escape control and bidirectional characters.
	 * @param text the text, or {@code null}
	 * @return the safe text, or {@code "?"} for {@code null}
	 */
	static String of(@Nullable String text) {
		if (text == null) {
			return "?";
		}
		StringBuilder safe = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
			boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
			if (control || bidi) {
				safe.append(String.format("\\u%04x", (int) c));
			}
			else {
				safe.append(c);
			}
		}
		return safe.toString();
	}

	/**
	 * Escape a command line and mask the values of secret-looking arguments, such as {@code --password=...}.
	 * @param commandLine the command line, or {@code null}
	 * @return the safe text
	 */
	static String commandLine(@Nullable String commandLine) {
		if (commandLine == null) {
			return "?";
		}
		return of(PortHolder.maskSecrets(commandLine));
	}

}
