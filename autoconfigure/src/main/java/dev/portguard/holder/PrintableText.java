package dev.portguard.holder;

import org.jspecify.annotations.Nullable;

/**
 * Makes text that comes from other processes (names, paths, command lines, container names) safe to print in a
 * log or on a terminal: control characters (terminal escape sequences among them), bidirectional controls and
 * invisible format characters are shown as {@code \\uXXXX}, so that nothing another process chose can move the
 * cursor, recolour the terminal or reorder what follows.
 */
public final class PrintableText {

	private PrintableText() {
	}

	/**
	 * Escape the characters that are not safe to print.
	 * @param text the text, or {@code null}
	 * @return the safe text, or {@code "?"} for {@code null}
	 */
	public static String of(@Nullable String text) {
		if (text == null) {
			return "?";
		}
		StringBuilder safe = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isUnsafe(c)) {
				if (safe == null) {
					safe = new StringBuilder(text.length() + 16).append(text, 0, i);
				}
				safe.append("\\u").append(hex(c >> 12)).append(hex(c >> 8)).append(hex(c >> 4)).append(hex(c));
			}
			else if (safe != null) {
				safe.append(c);
			}
		}
		return (safe != null) ? safe.toString() : text;
	}

	/**
	 * Return whether a character is not safe to print: a C0 or C1 control, DEL, a bidirectional control
	 * (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069), an invisible format character (U+200B-U+200D, U+2060-U+2064,
	 * U+FEFF), a line or paragraph separator (U+2028/9), or another format character.
	 * @param c the character
	 * @return whether it must be escaped
	 */
	public static boolean isUnsafe(char c) {
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
			return true;
		}
		if (c == 0x2028 || c == 0x2029 || c == 0xfeff) {
			return true;
		}
		return Character.getType(c) == Character.FORMAT;
	}

	private static char hex(int value) {
		return Character.forDigit(value & 0xf, 16);
	}

}
