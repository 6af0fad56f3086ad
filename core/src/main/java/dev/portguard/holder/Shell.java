package dev.portguard.holder;

import org.jspecify.annotations.Nullable;

/**
 * The shells remedy commands are written for, and how each takes a word from another process (a container's name)
 * as one literal argument. A plain word stays as it is; anything else is quoted, or refused where the shell, or the
 * way it passes arguments on, leaves no quoting that is safe.
 */
enum Shell {

	/**
	 * POSIX {@code sh} and its descendants: single quotes, inside which nothing is special but the single quote,
	 * written {@code '\''}.
	 */
	POSIX,

	/**
	 * PowerShell: single quotes, inside which a single quote (or one of the typographic single quotes PowerShell
	 * reads as one) is doubled.
	 */
	POWERSHELL,

	/**
	 * {@code cmd.exe}: double quotes, which keep {@code & | < > ^} and spaces literal but not {@code %} or
	 * {@code !}.
	 */
	CMD;

	/**
	 * Return the word as one literal argument for this shell.
	 * @param word the word, such as a container's name
	 * @return the word, quoted if it needs it, or {@code null} if it cannot be given safely
	 */
	@Nullable String quote(String word) {
		if (word.isEmpty() || word.charAt(0) == '-' || !SafeText.isSafe(word)) {
			// A leading dash would be read as an option whatever the quotes; invisible and control characters
			// would not show in the command people copy.
			return null;
		}
		if (isPlain(word)) {
			return word;
		}
		return switch (this) {
			case POSIX -> "'" + word.replace("'", "'\\''") + "'";
			case POWERSHELL -> powerShell(word);
			case CMD -> cmd(word);
		};
	}

	private static boolean isPlain(String word) {
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '.' || c == '-';
			if (!plain) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String powerShell(String word) {
		// Windows PowerShell 5.1 drops double quotes and mangles trailing backslashes in the arguments it passes to
		// native programs such as docker.exe.
		if (word.indexOf('"') >= 0 || word.indexOf('\\') >= 0) {
			return null;
		}
		StringBuilder quoted = new StringBuilder(word.length() + 4).append('\'');
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			quoted.append(c);
			if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201a' || c == '\u201b') {
				quoted.append(c);
			}
		}
		return quoted.append('\'').toString();
	}

	private static @Nullable String cmd(String word) {
		// Variables expand inside double quotes; a backslash before the closing quote escapes it for the program.
		for (char c : new char[] { '"', '%', '!', '\\' }) {
			if (word.indexOf(c) >= 0) {
				return null;
			}
		}
		return "\"" + word + "\"";
	}

}
