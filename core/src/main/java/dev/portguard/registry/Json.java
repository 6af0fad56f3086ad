package dev.portguard.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The small JSON dialect of registry files: one object of strings, numbers and one level of nested objects of
 * numbers. Anything else is rejected, so a corrupt or foreign file is skipped, never half-read.
 */
final class Json {

	private final String text;

	private int position;

	private Json(String text) {
		this.text = text;
	}

	static Map<String, Object> parse(String text) {
		Json json = new Json(text);
		json.skipSpace();
		Map<String, Object> object = json.object(0);
		json.skipSpace();
		if (json.position != text.length()) {
			throw new IllegalArgumentException("Trailing characters at " + json.position);
		}
		return object;
	}

	static String write(Map<String, ?> object) {
		StringBuilder json = new StringBuilder("{");
		boolean first = true;
		for (Map.Entry<String, ?> entry : object.entrySet()) {
			json.append(first ? "\n  " : ",\n  ").append(quote(entry.getKey())).append(": ");
			Object value = entry.getValue();
			if (value instanceof Map<?, ?> nested) {
				json.append('{');
				boolean firstNested = true;
				for (Map.Entry<?, ?> item : nested.entrySet()) {
					json.append(firstNested ? "" : ", ").append(quote(String.valueOf(item.getKey()))).append(": ")
						.append(item.getValue());
					firstNested = false;
				}
				json.append('}');
			}
			else if (value instanceof Number) {
				json.append(value);
			}
			else {
				json.append(quote(String.valueOf(value)));
			}
			first = false;
		}
		return json.append("\n}\n").toString();
	}

	private Map<String, Object> object(int depth) {
		expect('{');
		Map<String, Object> object = new LinkedHashMap<>();
		skipSpace();
		if (peek() == '}') {
			this.position++;
			return object;
		}
		while (true) {
			skipSpace();
			String key = string();
			skipSpace();
			expect(':');
			skipSpace();
			char next = peek();
			Object value;
			if (next == '"') {
				value = string();
			}
			else if (next == '{' && depth == 0) {
				value = object(depth + 1);
			}
			else if (next == '-' || Character.isDigit(next)) {
				value = number();
			}
			else {
				throw new IllegalArgumentException("Unexpected '" + next + "' at " + this.position);
			}
			object.put(key, value);
			skipSpace();
			char separator = next();
			if (separator == '}') {
				return object;
			}
			if (separator != ',') {
				throw new IllegalArgumentException("Expected ',' or '}' at " + this.position);
			}
		}
	}

	private String string() {
		expect('"');
		StringBuilder value = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return value.toString();
			}
			if (c == '\\') {
				char escaped = next();
				switch (escaped) {
					case '"', '\\', '/' -> value.append(escaped);
					case 'n' -> value.append('\n');
					case 't' -> value.append('\t');
					case 'r' -> value.append('\r');
					case 'b' -> value.append('\b');
					case 'f' -> value.append('\f');
					case 'u' -> {
						value.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
						this.position += 4;
					}
					default -> throw new IllegalArgumentException("Bad escape at " + this.position);
				}
			}
			else {
				value.append(c);
			}
		}
	}

	private Long number() {
		int start = this.position;
		if (peek() == '-') {
			this.position++;
		}
		while (this.position < this.text.length() && Character.isDigit(this.text.charAt(this.position))) {
			this.position++;
		}
		return Long.parseLong(this.text.substring(start, this.position));
	}

	private static String quote(@Nullable String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : String.valueOf(value).toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	private void skipSpace() {
		while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private char peek() {
		if (this.position >= this.text.length()) {
			throw new IllegalArgumentException("Unexpected end");
		}
		return this.text.charAt(this.position);
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private void expect(char c) {
		if (next() != c) {
			throw new IllegalArgumentException("Expected '" + c + "' at " + (this.position - 1));
		}
	}

}
