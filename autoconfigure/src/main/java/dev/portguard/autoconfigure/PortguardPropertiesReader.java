package dev.portguard.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.portguard.policy.InvalidPortConfigurationException;
import dev.portguard.policy.PortValues;
import dev.portguard.policy.WhenExhausted;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Reads {@link PortguardProperties} straight from the environment's property sources, before any bean exists.
 * <p>
 * It runs on every start-up, so instead of the general-purpose binder (whose first use costs tens of milliseconds)
 * it scans property names once for the {@code portguard} prefix, in any relaxed form (kebab, camel, upper-case
 * environment variables), honours source precedence, and rejects every key it does not know, naming it.
 */
final class PortguardPropertiesReader {

	private static final String PREFIX = "portguard";

	private static final List<String> GLOBAL_KEYS = List.of("auto", "cloud", "alternatives", "max-attempts", "range",
			"when-exhausted", "retry.enabled", "check", "sticky", "registry.enabled", "registry.directory",
			"registry.port-file", "replace.enabled", "replace.timeout", "analysis.show-command-line",
			"discovery.enabled", "discovery.cache-ttl", "discovery.order");

	// Longest first, so that an environment variable's suffix is matched by the most specific setting.
	private static final List<String> PORT_KEYS = List.of("owner-releases", "when-exhausted", "default-port",
			"max-attempts", "alternatives", "property", "address", "range");

	private static final String PLACEHOLDER_PREFIX = "${";

	private static final String BOOLEAN_FORM = "true or false";

	private static final String WHEN_EXHAUSTED_FORM = "fail or ephemeral";

	private static final String DURATION_FORM = "a duration such as 10s, 500ms or PT10S";

	private static final String ORDER_FORM = "an integer, lower is asked first, such as 0";

	static final String KNOWN_KEYS = "one of portguard.auto, portguard.cloud, portguard.alternatives, "
			+ "portguard.max-attempts, portguard.range, portguard.when-exhausted, portguard.retry.enabled, portguard.check, "
			+ "portguard.sticky, portguard.registry.{enabled, directory, port-file}, portguard.replace.{enabled, timeout}, "
			+ "portguard.analysis.show-command-line, portguard.discovery.{enabled, cache-ttl, order}, "
			+ "and portguard.ports.<name>."
			+ "{property, default-port, address, owner-releases, alternatives, max-attempts, range, when-exhausted}";

	private final ConfigurableEnvironment environment;

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private PortguardPropertiesReader(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	/**
	 * Read portguard's properties.
	 * @param environment the environment
	 * @return the properties
	 * @throws InvalidPortConfigurationException if a key is unknown or a value malformed
	 */
	static PortguardProperties read(ConfigurableEnvironment environment) {
		PortguardPropertiesReader reader = new PortguardPropertiesReader(environment);
		reader.scan();
		return reader.toProperties();
	}

	private void scan() {
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)
					|| source.getName().equals("configurationProperties")
					|| source instanceof PortguardPropertySource) {
				continue;
			}
			Map<String, Entry> fromSource = null;
			for (String name : enumerable.getPropertyNames()) {
				if (name.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && name.length() > PREFIX.length()
						&& !Character.isLetterOrDigit(name.charAt(PREFIX.length()))) {
					Key key = key(source, name);
					Entry entry = entry(source, name, key);
					fromSource = (fromSource != null) ? fromSource : new LinkedHashMap<>();
					Entry group = fromSource.get(key.path);
					if (group == null) {
						group = new Entry(name, -1, null, source, key.portName, null);
						fromSource.put(key.path, group);
					}
					group.add(entry);
				}
			}
			if (fromSource != null) {
				for (Map.Entry<String, Entry> item : fromSource.entrySet()) {
					this.entries.putIfAbsent(item.getKey(), item.getValue());
				}
			}
		}
	}

	/**
	 * Read one property. A placeholder that cannot be resolved is kept as written and reported when the value is
	 * used, where the accepted form is known.
	 */
	private Entry entry(PropertySource<?> source, String name, Key key) {
		String written = written(source, name);
		if (written == null || !written.contains(PLACEHOLDER_PREFIX)) {
			return new Entry(name, key.index, written, source, key.portName, null);
		}
		try {
			return new Entry(name, key.index, this.environment.resolveRequiredPlaceholders(written), source,
					key.portName, null);
		}
		catch (PlaceholderResolutionException ex) {
			return new Entry(name, key.index, written, source, key.portName, ex);
		}
	}

	private static @Nullable String written(PropertySource<?> source, String name) {
		Object value = source.getProperty(name);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Map a property name as written to its canonical path, such as {@code max-attempts} or
	 * {@code ports.echo.default-port}.
	 */
	private Key key(PropertySource<?> source, String name) {
		boolean environmentVariable = name.indexOf('.') < 0 && name.indexOf('_') > 0;
		String rest = withoutPortsBrackets(name.substring(PREFIX.length() + 1));
		int index = -1;
		if (rest.endsWith("]") || environmentVariable) {
			int digitsEnd = rest.endsWith("]") ? rest.length() - 1 : rest.length();
			int digitsStart = digitsEnd;
			while (digitsStart > 0 && digitsEnd - digitsStart < 9 && isDigit(rest.charAt(digitsStart - 1))) {
				digitsStart--;
			}
			if (digitsStart < digitsEnd) {
				index = Integer.parseInt(rest, digitsStart, digitsEnd, 10);
				int end = digitsStart;
				if (end > 0 && "[_.".indexOf(rest.charAt(end - 1)) >= 0) {
					end--;
				}
				rest = rest.substring(0, end);
			}
		}
		String flat = flatten(rest);
		for (String global : GLOBAL_KEYS) {
			if (flat.equals(flatten(global))) {
				return new Key(global, index, null);
			}
		}
		if (flat.startsWith("ports") && (environmentVariable || rest.indexOf('.') > 0)) {
			String portPart = environmentVariable ? rest.substring("ports".length() + 1)
					: rest.substring(rest.indexOf('.') + 1);
			String flatPort = flatten(portPart);
			for (String setting : PORT_KEYS) {
				String flatSetting = flatten(setting);
				if (flatPort.endsWith(flatSetting) && flatPort.length() > flatSetting.length()) {
					String portName = environmentVariable
							? withoutTrailingUnderscores(portPart
								.substring(0, portPart.length() - setting.replace("-", "").length() - 1)
								.toLowerCase(Locale.ROOT))
							: portPart.substring(0, Math.max(portPart.lastIndexOf('.'), 0));
					if (!portName.isEmpty() && (environmentVariable
							|| flatten(portPart.substring(portPart.lastIndexOf('.') + 1)).equals(flatSetting))) {
						return new Key("ports." + portId(portName) + "." + setting, index, portName);
					}
				}
			}
		}
		throw new InvalidPortConfigurationException(name, written(source, name), "portguard has no such property",
				KNOWN_KEYS, origin(source, name));
	}

	/**
	 * Turn {@code ports[echo].property}, as YAML writes a map key with dots, into {@code ports.echo.property}.
	 */
	private static String withoutPortsBrackets(String rest) {
		int close = rest.indexOf(']');
		if (rest.startsWith("ports[") && close > "ports[".length()) {
			return "ports." + rest.substring("ports[".length(), close) + rest.substring(close + 1);
		}
		return rest;
	}

	private static String withoutTrailingUnderscores(String text) {
		int end = text.length();
		while (end > 0 && text.charAt(end - 1) == '_') {
			end--;
		}
		return text.substring(0, end);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static String origin(PropertySource<?> source, String name) {
		Origin origin = OriginLookup.getOrigin(source, name);
		return (origin != null) ? origin.toString()
				: "\"" + name + "\" from property source \"" + source.getName() + "\"";
	}

	/**
	 * Return the identity of a port's name as Spring Boot's relaxed binding compares names: {@code echo},
	 * {@code ECHO}, {@code Echo} and {@code e-c-h-o} (and {@code ECHO} in an environment variable) are one port.
	 */
	private static String portId(String portName) {
		StringBuilder id = new StringBuilder(portName.length());
		for (int i = 0; i < portName.length(); i++) {
			char c = portName.charAt(i);
			if (c != '-' && c != '_') {
				id.append(Character.toLowerCase(c));
			}
		}
		return id.toString();
	}

	private static String flatten(String text) {
		StringBuilder flat = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '-' && c != '_' && c != '.') {
				flat.append(Character.toLowerCase(c));
			}
		}
		return flat.toString();
	}

	private PortguardProperties toProperties() {
		PortguardProperties properties = new PortguardProperties();
		Map<String, String> portNames = portNames();
		for (Map.Entry<String, Entry> item : this.entries.entrySet()) {
			String path = item.getKey();
			Entry entry = item.getValue();
			if (path.startsWith("ports.")) {
				String setting = path.substring(path.lastIndexOf('.') + 1);
				String portName = portNames.get(path.substring("ports.".length(), path.lastIndexOf('.')));
				entry.checkPlaceholders(form(setting));
				apply(properties.getPorts().computeIfAbsent(portName, (name) -> new PortguardProperties.Port()),
						setting, entry);
			}
			else {
				entry.checkPlaceholders(form(path));
				applyGlobal(properties, path, entry);
			}
		}
		return properties;
	}

	/**
	 * Name every port whose settings are spelled in several ways ({@code echo}, {@code ECHO}, {@code e-c-h-o}), all
	 * of which Spring Boot's relaxed binding reads as one: the built-in ports keep their names; any other port is
	 * named as the winning spelling of its {@code property} key, or else as its first spelling in precedence order.
	 */
	private Map<String, String> portNames() {
		Map<String, String> names = new LinkedHashMap<>();
		names.put(PortRequests.SERVER, PortRequests.SERVER);
		names.put(PortRequests.MANAGEMENT, PortRequests.MANAGEMENT);
		for (Map.Entry<String, Entry> item : this.entries.entrySet()) {
			String path = item.getKey();
			if (path.startsWith("ports.") && path.endsWith(".property")) {
				names.putIfAbsent(path.substring("ports.".length(), path.lastIndexOf('.')),
						item.getValue().first().portName);
			}
		}
		for (Map.Entry<String, Entry> item : this.entries.entrySet()) {
			String path = item.getKey();
			if (path.startsWith("ports.")) {
				names.putIfAbsent(path.substring("ports.".length(), path.lastIndexOf('.')),
						item.getValue().first().portName);
			}
		}
		return names;
	}

	/**
	 * Return the form a setting accepts, as reported when a placeholder in its value cannot be resolved.
	 */
	private static String form(String setting) {
		return switch (setting) {
			case "alternatives" -> PortValues.PORT_LIST_FORM;
			case "max-attempts" -> PortValues.ATTEMPTS_FORM;
			case "range" -> PortValues.RANGE_FORM;
			case "when-exhausted" -> WHEN_EXHAUSTED_FORM;
			case "default-port" -> PortValues.PORT_FORM;
			case "property" -> PortRequests.PROPERTY_FORM;
			case "address" -> PortRequests.ADDRESS_FORM;
			case "registry.directory" -> "a directory, e.g. ${user.home}/.portguard/instances";
			case "registry.port-file" -> "a file name, e.g. application.port";
			case "replace.timeout", "discovery.cache-ttl" -> DURATION_FORM;
			case "discovery.order" -> ORDER_FORM;
			default -> BOOLEAN_FORM;
		};
	}

	private static void applyGlobal(PortguardProperties properties, String setting, Entry entry) {
		switch (setting) {
			case "auto" -> properties.setAuto(bool(entry));
			case "cloud" -> properties.setCloud(bool(entry));
			case "alternatives" -> properties.setAlternatives(ports(entry));
			case "max-attempts" -> properties.setMaxAttempts(attempts(entry));
			case "range" -> properties.setRange(range(entry));
			case "when-exhausted" -> properties.setWhenExhausted(whenExhausted(entry));
			case "retry.enabled" -> properties.getRetry().setEnabled(bool(entry));
			case "check" -> properties.setCheck(entry.single().trimmedValue().isEmpty() || bool(entry));
			case "sticky" -> properties.setSticky(bool(entry));
			case "analysis.show-command-line" -> properties.getAnalysis().setShowCommandLine(bool(entry));
			case "registry.enabled" -> properties.getRegistry().setEnabled(bool(entry));
			case "registry.directory" -> properties.getRegistry().setDirectory(entry.single().trimmedValue());
			case "registry.port-file" -> properties.getRegistry().setPortFile(entry.single().trimmedValue());
			case "replace.enabled" -> properties.getReplace().setEnabled(bool(entry));
			case "replace.timeout" -> properties.getReplace().setTimeout(replaceTimeout(entry));
			case "discovery.enabled" -> properties.getDiscovery().setEnabled(bool(entry));
			case "discovery.cache-ttl" -> properties.getDiscovery().setCacheTtl(duration(entry));
			case "discovery.order" -> properties.getDiscovery().setOrder(order(entry));
			default -> throw new IllegalStateException(setting);
		}
	}

	private static void apply(PortguardProperties.Port port, String setting, Entry entry) {
		switch (setting) {
			case "property" -> port.setProperty(entry.single().value);
			case "default-port" -> port.setDefaultPort(defaultPort(entry));
			case "address" -> port.setAddress(entry.single().value);
			case "alternatives" -> port.setAlternatives(ports(entry));
			case "max-attempts" -> port.setMaxAttempts(attempts(entry));
			case "range" -> port.setRange(range(entry));
			case "when-exhausted" -> port.setWhenExhausted(whenExhausted(entry));
			case "owner-releases" -> port.setOwnerReleases(bool(entry));
			default -> throw new IllegalStateException(setting);
		}
	}

	private static boolean bool(Entry entry) {
		Entry single = entry.single();
		String value = single.trimmedValue();
		if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
			return Boolean.parseBoolean(value);
		}
		throw single.invalid("not a boolean", BOOLEAN_FORM);
	}

	/**
	 * A replace timeout is a deadline added to the current time; an hour is far beyond any graceful shutdown, and
	 * keeps the arithmetic from overflowing.
	 */
	private static Duration replaceTimeout(Entry entry) {
		Duration duration = duration(entry);
		if (duration.compareTo(Duration.ofHours(1)) > 0) {
			throw entry.single().invalid("longer than 1h", "a duration of at most 1h, such as 10s");
		}
		return duration;
	}

	private static int order(Entry entry) {
		Entry single = entry.single();
		try {
			return Integer.parseInt(single.trimmedValue());
		}
		catch (NumberFormatException ex) {
			throw single.invalid("not an integer", ORDER_FORM);
		}
	}

	private static Duration duration(Entry entry) {
		Entry single = entry.single();
		try {
			Duration duration = DurationStyle.detectAndParse(single.trimmedValue());
			if (!duration.isNegative()) {
				return duration;
			}
		}
		catch (RuntimeException ex) {
			// Reported below.
		}
		throw single.invalid("not a duration", DURATION_FORM);
	}

	private static List<Integer> ports(Entry entry) {
		if (entry.elements.isEmpty() || entry.elements.get(0).index < 0) {
			Entry single = entry.single();
			return attach(single, () -> PortValues.parsePortList(single.name, single.value));
		}
		List<Integer> ports = new ArrayList<>();
		for (Entry element : entry.indexed().values()) {
			ports.addAll(attach(element, () -> PortValues.parsePortList(element.name, element.value)));
		}
		return ports;
	}

	private static int attempts(Entry entry) {
		Entry single = entry.single();
		return attach(single, () -> PortValues.parseAttempts(single.name, single.trimmedValue()));
	}

	private static @Nullable String range(Entry entry) {
		Entry single = entry.single();
		if (single.trimmedValue().isEmpty()) {
			return null;
		}
		attach(single, () -> PortValues.parseRange(single.name, single.trimmedValue()));
		return single.trimmedValue();
	}

	private static int defaultPort(Entry entry) {
		Entry single = entry.single();
		return attach(single, () -> PortValues.parsePort(single.name, single.trimmedValue()));
	}

	private static WhenExhausted whenExhausted(Entry entry) {
		Entry single = entry.single();
		for (WhenExhausted candidate : WhenExhausted.values()) {
			if (candidate.name().equalsIgnoreCase(single.trimmedValue())) {
				return candidate;
			}
		}
		throw single.invalid("not a known choice", WHEN_EXHAUSTED_FORM);
	}

	private static <T> T attach(Entry entry, Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (InvalidPortConfigurationException ex) {
			throw ex.withOrigin(entry.origin());
		}
	}

	/**
	 * A property's canonical path; for a port's setting also the port's name as written.
	 */
	private record Key(String path, int index, @Nullable String portName) {
	}

	/**
	 * One property as written, or the group of indexed elements of one list.
	 */
	private static final class Entry {

		private final String name;

		private final int index;

		private final @Nullable String value;

		private final PropertySource<?> source;

		private final @Nullable String portName;

		private final @Nullable PlaceholderResolutionException unresolved;

		private final List<Entry> elements = new ArrayList<>(1);

		Entry(String name, int index, @Nullable String value, PropertySource<?> source, @Nullable String portName,
				@Nullable PlaceholderResolutionException unresolved) {
			this.name = name;
			this.index = index;
			this.value = value;
			this.source = source;
			this.portName = portName;
			this.unresolved = unresolved;
		}

		/**
		 * Where this property was set. Only needed to report a bad value, so looked up only then.
		 */
		String origin() {
			return PortguardPropertiesReader.origin(this.source, this.name);
		}

		void add(Entry element) {
			this.elements.add(element);
		}

		Entry first() {
			return this.elements.get(0);
		}

		/**
		 * Return the one value of a setting. One property source may spell a setting in several ways that Spring
		 * Boot reads as one ({@code max-attempts} and {@code maxAttempts}, {@code ports.echo} and
		 * {@code ports.ECHO}); they must agree.
		 */
		Entry single() {
			for (Entry element : this.elements) {
				if (element.index >= 0) {
					throw element.invalid("an indexed element, but this setting takes one value", "one value");
				}
			}
			Entry first = first();
			for (Entry element : this.elements) {
				if (!element.trimmedValue().equals(first.trimmedValue())) {
					throw element.invalid("the same setting is also set as " + first.name + "=" + first.value
							+ " in the same place (" + this.source.getName()
							+ "); Spring Boot reads both names as one setting", "one value, set under one name");
				}
			}
			return first;
		}

		void checkPlaceholders(String form) {
			for (Entry element : this.elements) {
				if (element.unresolved != null) {
					throw UnresolvablePlaceholder.invalid(element.name, element.value, element.unresolved, form,
							element.origin());
				}
			}
		}

		Map<Integer, Entry> indexed() {
			Map<Integer, Entry> indexed = new TreeMap<>();
			for (Entry element : this.elements) {
				indexed.putIfAbsent(element.index, element);
			}
			return indexed;
		}

		String trimmedValue() {
			return (this.value != null) ? this.value.trim() : "";
		}

		InvalidPortConfigurationException invalid(String reason, String form) {
			return new InvalidPortConfigurationException(this.name, this.value, reason, form, origin());
		}

	}

}
