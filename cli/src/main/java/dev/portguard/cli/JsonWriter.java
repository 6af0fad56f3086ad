package dev.portguard.cli;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes the command's answers as JSON, on one line, for scripts: objects, arrays, text, numbers, booleans and
 * {@code null}.
 */
final class JsonWriter {

	private JsonWriter() {
	}

	static String write(@Nullable Object value) {
		StringBuilder json = new StringBuilder();
		append(json, value);
		return json.toString();
	}

	private static void append(StringBuilder json, @Nullable Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append(first ? "" : ",");
				quote(json, String.valueOf(entry.getKey()));
				json.append(':');
				append(json, entry.getValue());
				first = false;
			}
			json.append('}');
		}
		else if (value instanceof Collection<?> items) {
			json.append('[');
			boolean first = true;
			for (Object item : items) {
				json.append(first ? "" : ",");
				append(json, item);
				first = false;
			}
			json.append(']');
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else {
			quote(json, value.toString());
		}
	}

	private static void quote(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\t' -> json.append("\\t");
				case '\r' -> json.append("\\r");
				default -> {
					if (c < 0x20 || c == 0x2028 || c == 0x2029) {
						json.append("\\u").append(String.format("%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
