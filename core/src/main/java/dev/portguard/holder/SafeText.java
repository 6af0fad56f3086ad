package dev.portguard.holder;

import org.jspecify.annotations.Nullable;

/**
 * Makes text that comes from other processes (names, paths, command lines, container names) safe to show, in the
 * failure analysis and on the dashboard alike: control characters (terminal escape sequences among them), format
 * characters (bidirectional overrides and isolates, zero-width characters, the byte order mark), line and paragraph
 * separators and lone surrogates are shown as {@code \\uXXXX}, and values of secret-looking arguments in command
 * lines are masked.
 */
public final class SafeText {

	private SafeText() {
	}

	/**
	 * Escape every character that is invisible or changes how the text around it is shown.
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
			boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			int codePoint = pair ? Character.toCodePoint(c, text.charAt(i + 1)) : c;
			if (isUnsafe(codePoint)) {
				if (safe == null) {
					safe = new StringBuilder(text.length() + 16).append(text, 0, i);
				}
				safe.append(String.format("\\u%04x", (int) c));
				if (pair) {
					safe.append(String.format("\\u%04x", (int) text.charAt(i + 1)));
				}
			}
			else if (safe != null) {
				safe.append(c);
				if (pair) {
					safe.append(text.charAt(i + 1));
				}
			}
			i += pair ? 1 : 0;
		}
		return (safe != null) ? safe.toString() : text;
	}

	/**
	 * Return whether {@link #of(String)} leaves the text as it is.
	 * @param text the text
	 * @return whether the text holds no character that would be escaped
	 */
	public static boolean isSafe(String text) {
		return of(text).equals(text);
	}

	/**
	 * Escape a command line and mask the values of secret-looking arguments, such as {@code --password=...}.
	 * @param commandLine the command line, or {@code null}
	 * @return the safe text
	 */
	public static String commandLine(@Nullable String commandLine) {
		if (commandLine == null) {
			return "?";
		}
		return of(PortHolder.maskSecrets(commandLine));
	}

	private static boolean isUnsafe(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.SURROGATE ->
				true;
			default -> false;
		};
	}

}
