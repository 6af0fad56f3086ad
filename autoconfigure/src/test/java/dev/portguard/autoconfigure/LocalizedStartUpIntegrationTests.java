package dev.portguard.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.portguard.policy.BindTextsMain;
import dev.portguard.testsupport.ClassPath;
import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.LibcCatalogues.Catalogue;
import dev.portguard.testsupport.LibcCatalogues;
import dev.portguard.testsupport.Sockets;
import dev.portguard.testsupport.Unprivileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * portguard on systems that do not speak English: JVMs started under German, French and Japanese locales, where the
 * JDK's bind failures carry the C library's words in that language ({@code Die Adresse wird bereits verwendet}).
 * Each test first checks that the JVM really spoke the language, so a machine without the locale fails here rather
 * than passing in English ({@code .ci/run} generates the three locales).
 */
class LocalizedStartUpIntegrationTests {

	private static final Duration TIMEOUT = new Duration(240);

	private final Holders holders = new Holders();

	@AfterEach
	void stopHolders() {
		this.holders.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8" })
	void bindFailuresAreLearnedAndToldApartInTheSystemsLanguage(String locale) {
		Catalogue catalogue = LibcCatalogues.of(locale);
		String classpath = ClassPath.ofPortguard();
		Map<String, String> self = values(run(locale, List.of(), List.of("-cp", classpath, BindTextsMain.class.getName())));
		assertSpeaks(locale, catalogue, self.get("in-use.message"));
		assertThat(self).containsEntry("learned.in-use", catalogue.inUse())
			.containsEntry("learned.not-available", catalogue.notAvailable())
			.containsEntry("in-use.outcome", "IN_USE")
			.containsEntry("not-available.message", catalogue.notAvailable())
			.containsEntry("not-available.outcome", "ADDRESS_NOT_AVAILABLE");
		Map<String, String> unprivileged = values(
				run(locale, Unprivileged.prefix(), List.of("-cp", classpath, BindTextsMain.class.getName())));
		assertThat(unprivileged).containsEntry("learned.permission-denied", catalogue.permissionDenied())
			.containsEntry("privileged.message", catalogue.permissionDenied())
			.containsEntry("privileged.outcome", "PERMISSION_DENIED")
			.containsEntry("in-use.outcome", "IN_USE");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8" })
	void portsMoveAtBindTimeAndTakenPortsAreExplainedWithTheNativeTransport(String locale) {
		int tomcat = Sockets.freeBlock(3);
		int echo = Sockets.freeBlock(3);
		int netty = Sockets.freeBlock(3);
		Map<String, Long> held = holdPorts("analysis-tomcat", "analysis-jetty", "analysis-netty");
		List<String> scenarios = new ArrayList<>(List.of("retry-tomcat:" + tomcat + ":" + echo, "retry-netty:" + netty));
		held.keySet().forEach(scenarios::add);
		String output = scenarios(locale, List.of(), scenarios);
		Map<String, String> values = values(output);
		assertThat(values).containsEntry("netty.native", "true");
		assertMoved(output, values, "retry-tomcat", tomcat, "server.port");
		assertThat(values).containsEntry("retry-tomcat.echo", String.valueOf(echo + 1));
		assertThat(output).contains("Port " + echo + " was taken after portguard chose it and before it was bound, "
				+ "using port " + (echo + 1) + " instead (sample.echo.port)");
		assertMoved(output, values, "retry-netty", netty, "server.port");
		held.forEach((scenario, pid) -> assertAnalysis(output, values, scenario, pid));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8" })
	void portsMoveAtBindTimeAndTakenPortsAreExplainedWithTheJdkTransport(String locale) {
		int netty = Sockets.freeBlock(3);
		Map<String, Long> held = holdPorts("analysis-netty");
		List<String> scenarios = new ArrayList<>(List.of("retry-netty:" + netty));
		held.keySet().forEach(scenarios::add);
		String output = scenarios(locale, List.of("-Dreactor.netty.native=false"), scenarios);
		Map<String, String> values = values(output);
		assertThat(values).containsEntry("netty.native", "false");
		assertMoved(output, values, "retry-netty", netty, "server.port");
		held.forEach((scenario, pid) -> assertAnalysis(output, values, scenario, pid));
	}

	/**
	 * Hold one port per scenario with Python's {@code http.server}.
	 * @return {@code scenario:port} and the holder's PID, in order
	 */
	private Map<String, Long> holdPorts(String... scenarios) {
		Map<String, Long> held = new LinkedHashMap<>();
		for (String scenario : scenarios) {
			int port = Sockets.freeBlock(2);
			held.put(scenario + ":" + port, this.holders.python("127.0.0.1", port).pid());
		}
		return held;
	}

	private static void assertMoved(String output, Map<String, String> values, String scenario, int port,
			String property) {
		assertThat(values).as(scenario)
			.containsEntry(scenario + ".port", String.valueOf(port + 1))
			.containsEntry(scenario + ".answer", "hello");
		assertThat(output).contains("Port " + port + " was taken after portguard chose it and before it was bound, "
				+ "using port " + (port + 1) + " instead (" + property + ")");
	}

	private static void assertAnalysis(String output, Map<String, String> values, String scenario, long pid) {
		String name = scenario.substring(0, scenario.indexOf(':'));
		int port = Integer.parseInt(scenario.substring(scenario.indexOf(':') + 1));
		assertThat(values).as(name).containsKey(name + ".failed");
		assertThat(output).as(name)
			.contains("Web server failed to start. Port " + port + " on 127.0.0.1 (server.port) is already in use.")
			.contains("Held by process " + pid + " (python3), listening on 127.0.0.1:" + port)
			.contains("1. Stop the process that holds the port: kill " + pid)
			.contains("2. Use another port, free right now: --server.port=" + (port + 1));
	}

	private static String scenarios(String locale, List<String> jvmOptions, List<String> scenarios) {
		List<String> command = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Dportguard.registry.directory=" + Paths.get("target/registry").toAbsolutePath()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocaleScenariosMain.class.getName()));
		command.addAll(scenarios);
		String output = run(locale, List.of(), command);
		assertSpeaks(locale, LibcCatalogues.of(locale), values(output).get("system.in-use"));
		return output;
	}

	/**
	 * Fail with the remedy when the JVM did not speak the locale's language: the locale is not generated here.
	 */
	private static void assertSpeaks(String locale, Catalogue catalogue, String message) {
		assertThat(message).as("A JVM started under " + locale + " should report an address in use as '"
				+ catalogue.inUse() + "'. Generate the locale (Debian: apt-get install locales; localedef -i "
				+ locale.substring(0, locale.indexOf('.')) + " -f UTF-8 " + locale + "), as .ci/run does")
			.isEqualTo(catalogue.inUse());
	}

	private static String run(String locale, List<String> prefix, List<String> javaArguments) {
		List<String> command = new ArrayList<>(prefix);
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(javaArguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		// A desktop in that language: LANGUAGE, which would take precedence over the locale for messages, is
		// dropped.
		builder.environment().remove("LANGUAGE");
		builder.environment().put("LANG", locale);
		builder.environment().put("LC_ALL", locale);
		try {
			Process process = builder.start();
			try (InputStream in = process.getInputStream()) {
				String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(TIMEOUT.seconds(), TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("The JVM did not exit:\n" + output);
				}
				return output;
			}
			finally {
				process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> values(String output) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : output.split("\n")) {
			if (line.matches("[a-z.-]+=.*")) {
				values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		return values;
	}

	private record Duration(long seconds) {

	}

}
