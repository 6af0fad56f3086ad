package dev.portguard.policy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Parses port numbers, port lists and ranges as users write them, rejecting anything else with an
 * {@link InvalidPortConfigurationException} that names the accepted form.
 */
public final class PortValues {

	/**
	 * Highest TCP port number.
	 */
	public static final int MAX_PORT = 65535;

	/**
	 * Port number meaning "let the operating system choose".
	 */
	public static final int RANDOM = 0;

	/**
	 * Port number meaning "do not open this port".
	 */
	public static final int DISABLED = -1;

	/**
	 * Accepted form of a requested port such as {@code server.port}.
	 */
	public static final String PORT_FORM = "a whole number from 0 to 65535 (0 picks a random port) or -1 (disabled), "
			+ "e.g. 8080";

	/**
	 * Accepted form of a port that Spring Boot's conversion reads, such as {@code server.port} or the property of a
	 * custom port.
	 */
	public static final String CONVERTED_PORT_FORM = PORT_FORM + ", also written in hexadecimal, e.g. 0x1F90";

	/**
	 * Accepted form of a list of alternatives.
	 */
	public static final String PORT_LIST_FORM = "a comma-separated list of ports from 1 to 65535, e.g. 8081,9080";

	/**
	 * Accepted form of a port range.
	 */
	public static final String RANGE_FORM = "two ports from 1 to 65535 joined by '-', lowest first, e.g. 10000-10100";

	/**
	 * Accepted form of a number of attempts.
	 */
	public static final String ATTEMPTS_FORM = "a whole number of at least 1, e.g. 10";

	private PortValues() {
	}

	/**
	 * Parse a requested port: 0..65535, or -1 for disabled.
	 * @param property the property being parsed
	 * @param value the value as written
	 * @return the port
	 */
	public static int parsePort(String property, String value) {
		try {
			return checkPort(property, value, Integer.parseInt(value.trim()), PORT_FORM);
		}
		catch (NumberFormatException ex) {
			String outOfRange = outOfRange(value, DISABLED, false);
			throw new InvalidPortConfigurationException(property, value,
					(outOfRange != null) ? outOfRange : "not a whole number", PORT_FORM);
		}
	}

	/**
	 * Check a requested port that was already converted to a number: 0..65535, or -1 for disabled.
	 * @param property the property that holds the port
	 * @param value the value as written
	 * @param port the port the value was converted to
	 * @param form the accepted form to report if the port is out of range
	 * @return the port
	 */
	public static int checkPort(String property, String value, int port, String form) {
		if (port < DISABLED || port > MAX_PORT) {
			throw new InvalidPortConfigurationException(property, value, "not a valid port number", form);
		}
		return port;
	}

	/**
	 * Parse a comma-separated list of fallback ports.
	 * @param property the property being parsed
	 * @param value the value as written, may be blank
	 * @return the ports in order
	 */
	public static List<Integer> parsePortList(String property, @Nullable String value) {
		List<Integer> ports = new ArrayList<>();
		if (value == null || value.isBlank()) {
			return ports;
		}
		for (String element : value.split(",", -1)) {
			String trimmed = element.trim();
			if (trimmed.isEmpty()) {
				throw new InvalidPortConfigurationException(property, value, "the list has an empty element",
						PORT_LIST_FORM);
			}
			ports.add(parsePort(property, value, trimmed, "a number", PORT_LIST_FORM));
		}
		return ports;
	}

	/**
	 * Parse a number of attempts (at least 1).
	 * @param property the property being parsed
	 * @param value the value as written
	 * @return the number of attempts
	 */
	public static int parseAttempts(String property, String value) {
		try {
			return checkAttempts(property, Integer.parseInt(value.trim()));
		}
		catch (NumberFormatException ex) {
			BigInteger number = wholeNumber(value, false);
			String reason = (number == null || number.bitLength() < Integer.SIZE) ? "not a whole number"
					: (number.signum() > 0) ? number + " is too large: at most " + Integer.MAX_VALUE + " attempts"
							: "at least one attempt (the preferred port itself) is needed";
			throw new InvalidPortConfigurationException(property, value, reason, ATTEMPTS_FORM);
		}
	}

	/**
	 * Check a number of attempts (at least 1).
	 * @param property the property being checked
	 * @param attempts the number of attempts
	 * @return the number of attempts
	 */
	public static int checkAttempts(String property, int attempts) {
		if (attempts < 1) {
			throw new InvalidPortConfigurationException(property, String.valueOf(attempts),
					"at least one attempt (the preferred port itself) is needed", ATTEMPTS_FORM);
		}
		return attempts;
	}

	/**
	 * Parse a port range such as {@code 10000-10100}.
	 * @param property the property being parsed
	 * @param value the value as written
	 * @return the range
	 */
	public static PortRange parseRange(String property, String value) {
		String[] bounds = value.split("-", -1);
		if (bounds.length != 2) {
			throw new InvalidPortConfigurationException(property, value, "a range has exactly two bounds", RANGE_FORM);
		}
		int first = parseBound(property, value, bounds[0]);
		int last = parseBound(property, value, bounds[1]);
		if (first > last) {
			throw new InvalidPortConfigurationException(property, value,
					"the range is reversed (" + first + " is above " + last + ")", RANGE_FORM);
		}
		return new PortRange(first, last);
	}

	private static int parseBound(String property, String value, String bound) {
		return parsePort(property, value, bound.trim(), "a port number", RANGE_FORM);
	}

	/**
	 * Parse one port of a list or a range, naming the whole value and its accepted form when it is not one.
	 */
	private static int parsePort(String property, String value, String text, String expected, String form) {
		int port;
		try {
			port = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			String outOfRange = outOfRange(text, 1, false);
			throw new InvalidPortConfigurationException(property, value,
					(outOfRange != null) ? outOfRange : "'" + text + "' is not " + expected, form);
		}
		if (port < 1 || port > MAX_PORT) {
			throw new InvalidPortConfigurationException(property, value, port + " is not a usable port number", form);
		}
		return port;
	}

	/**
	 * Say why a port that is a whole number too large or too small for an {@code int} is rejected.
	 * @param value the value as written
	 * @param lowest the lowest port the property accepts
	 * @param hexadecimal whether the property also takes hexadecimal ({@code 0x}, {@code #}), as Spring Boot reads
	 * its ports
	 * @return the reason, or {@code null} when the value is not such a number
	 */
	public static @Nullable String outOfRange(String value, int lowest, boolean hexadecimal) {
		BigInteger number = wholeNumber(value, hexadecimal);
		if (number == null || number.bitLength() < Integer.SIZE) {
			return null;
		}
		return (number.signum() > 0) ? number + " is above " + MAX_PORT + ", the highest port"
				: number + " is below " + lowest + ", the lowest port accepted here";
	}

	private static @Nullable BigInteger wholeNumber(String value, boolean hexadecimal) {
		String text = value.trim();
		boolean negative = text.startsWith("-");
		String digits = (negative || text.startsWith("+")) ? text.substring(1) : text;
		int radix = 10;
		if (hexadecimal && (digits.startsWith("0x") || digits.startsWith("0X"))) {
			digits = digits.substring(2);
			radix = 16;
		}
		else if (hexadecimal && digits.startsWith("#")) {
			digits = digits.substring(1);
			radix = 16;
		}
		if (digits.isEmpty() || digits.startsWith("-") || digits.startsWith("+")) {
			return null;
		}
		try {
			BigInteger number = new BigInteger(digits, radix);
			return negative ? number.negate() : number;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
