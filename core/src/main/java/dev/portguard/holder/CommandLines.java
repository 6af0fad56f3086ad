package dev.portguard.holder;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Makes another process' command line fit to keep: secret-looking values masked, then cut to
 * {@value #MAX_LENGTH} characters (its start and its end, where a Java program's main class and arguments are).
 * Plain string scanning, no regular expression: it runs in a JVM that is failing to start, and on every listener
 * of the host for the dashboard.
 */
public final class CommandLines {

	/**
	 * The most characters of a command line portguard keeps.
	 */
	public static final int MAX_LENGTH = 4096;

	/**
	 * What stands for the masked value of a secret.
	 */
	public static final String MASK = "******";

	/**
	 * What marks the place where a command line was cut.
	 */
	public static final String CUT = " \u2026(cut)\u2026 ";

	private static final int HEAD = 1024;

	private static final String[] SECRET_WORDS = { "password", "passwd", "passphrase", "pwd", "secret", "token",
			"credential", "apikey", "privatekey", "accesskey", "authorization", "auth", "cookie" };

	private static final String[] SCHEMES = { "bearer", "basic", "digest", "token", "negotiate" };

	private CommandLines() {
	}

	/**
	 * Mask the secrets of a command line and cut it to {@value #MAX_LENGTH} characters. Applying it twice gives
	 * the same text.
	 * @param commandLine the command line, its arguments separated by spaces, or {@code null}
	 * @return the text to keep, or {@code null}
	 */
	public static @Nullable String keep(@Nullable String commandLine) {
		if (commandLine == null) {
			return null;
		}
		return cut(mask(commandLine));
	}

	/**
	 * Cut a text to {@value #MAX_LENGTH} characters, keeping its first 1,024 and its end.
	 * @param text the text
	 * @return the text, or its start and end around {@link #CUT}
	 */
	static String cut(String text) {
		if (text.length() <= MAX_LENGTH) {
			return text;
		}
		int tail = MAX_LENGTH - HEAD - CUT.length();
		return text.substring(0, HEAD) + CUT + text.substring(text.length() - tail);
	}

	/**
	 * Mask the values of secret-looking arguments: {@code --password=x}, {@code --db-pass x}, {@code -Dapi.key=x},
	 * {@code -p<password>} (MySQL's and MariaDB's form), the password in {@code scheme://user:password@host} and in a
	 * URL's query ({@code ?password=x}), and what follows
	 * {@code Authorization:}, {@code Bearer} or {@code Basic}.
	 * @param commandLine the command line
	 * @return the masked command line
	 */
	public static String mask(String commandLine) {
		StringBuilder out = new StringBuilder(commandLine.length());
		int i = 0;
		int length = commandLine.length();
		boolean maskNext = false;
		boolean mysql = isMysql(commandLine);
		while (i < length) {
			int start = i;
			while (i < length && commandLine.charAt(i) == ' ') {
				i++;
			}
			out.append(commandLine, start, i);
			if (i >= length) {
				break;
			}
			start = i;
			while (i < length && commandLine.charAt(i) != ' ') {
				i++;
			}
			String token = commandLine.substring(start, i);
			if (maskNext && !token.startsWith("-")) {
				String lower = token.toLowerCase(Locale.ROOT);
				if (isScheme(lower)) {
					out.append(token);
					continue;
				}
				out.append(MASK);
				maskNext = false;
				continue;
			}
			maskNext = false;
			int[] next = new int[1];
			out.append(maskToken(token, next, mysql));
			maskNext = next[0] == 1;
		}
		return out.toString();
	}

	/**
	 * Return whether the program is a MySQL or MariaDB client, whose {@code -p<password>} has the password glued to
	 * the flag; other programs' {@code -p...} ({@code -proto}, {@code -p8080}) are not secrets.
	 */
	private static boolean isMysql(String commandLine) {
		int end = commandLine.indexOf(' ');
		String program = (end < 0) ? commandLine : commandLine.substring(0, end);
		program = program.substring(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1)
			.toLowerCase(Locale.ROOT);
		return program.startsWith("mysql") || program.startsWith("mariadb");
	}

	private static String maskToken(String token, int[] maskNext, boolean mysql) {
		String lower = token.toLowerCase(Locale.ROOT);
		if (isScheme(lower)) {
			maskNext[0] = 1;
			return token;
		}
		token = maskQuery(maskUserInfo(token));
		int separator = separator(token);
		if (separator > 0) {
			String key = token.substring(0, separator);
			if (isSecretKey(key)) {
				if (separator == token.length() - 1) {
					// "--password= value" or "Authorization: Bearer x": the value is the next argument.
					maskNext[0] = 1;
					return token;
				}
				return token.substring(0, separator + 1) + MASK;
			}
			return token;
		}
		if (token.startsWith("-")) {
			if (isSecretKey(token)) {
				maskNext[0] = 1;
				return token;
			}
			if (mysql && token.length() > 2 && token.charAt(1) == 'p' && token.charAt(2) != '-') {
				return "-p" + MASK;
			}
		}
		return token;
	}

	/**
	 * Return where a key ends: the first {@code =}, or a {@code :} that does not start {@code ://}.
	 */
	private static int separator(String token) {
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == '=') {
				return i;
			}
			if (c == ':' && !token.startsWith("//", i + 1)) {
				return i;
			}
			if (c == '/' || c == '@') {
				return -1;
			}
		}
		return -1;
	}

	/**
	 * Mask secret-looking parameters of a URL's query: {@code jdbc:postgresql://h/db?user=app&password=x}.
	 */
	private static String maskQuery(String token) {
		int query = token.indexOf('?');
		if (query < 0) {
			return token;
		}
		StringBuilder out = new StringBuilder(token.length()).append(token, 0, query + 1);
		int start = query + 1;
		while (start <= token.length()) {
			int end = token.indexOf('&', start);
			if (end < 0) {
				end = token.length();
			}
			String parameter = token.substring(start, end);
			int equals = parameter.indexOf('=');
			if (equals > 0 && isSecretKey(parameter.substring(0, equals))) {
				out.append(parameter, 0, equals + 1).append(MASK);
			}
			else {
				out.append(parameter);
			}
			if (end < token.length()) {
				out.append('&');
			}
			start = end + 1;
		}
		return out.toString();
	}

	private static String maskUserInfo(String token) {
		int scheme = token.indexOf("://");
		if (scheme < 0) {
			return token;
		}
		int hostStart = scheme + 3;
		int end = token.indexOf('/', hostStart);
		int at = token.lastIndexOf('@', (end < 0) ? token.length() - 1 : end);
		if (at < hostStart) {
			return token;
		}
		int colon = token.indexOf(':', hostStart);
		if (colon < 0 || colon > at || token.substring(colon + 1, at).equals(MASK)) {
			return token;
		}
		return token.substring(0, colon + 1) + MASK + token.substring(at);
	}

	private static boolean isSecretKey(String key) {
		StringBuilder normalized = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = Character.toLowerCase(key.charAt(i));
			if (Character.isLetterOrDigit(c)) {
				normalized.append(c);
			}
		}
		String name = normalized.toString();
		for (String word : SECRET_WORDS) {
			if (name.contains(word)) {
				return true;
			}
		}
		// "--pass", "--db-pass", "PGPASS": a name that ends in "pass".
		return name.endsWith("pass") && !name.endsWith("bypass") && !name.endsWith("compass");
	}

	private static boolean isScheme(String lower) {
		for (String scheme : SCHEMES) {
			if (lower.equals(scheme)) {
				return true;
			}
		}
		return false;
	}

}
