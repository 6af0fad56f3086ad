package dev.portguard.sample;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app on systems that do not speak English: started under German, French and Japanese locales,
 * where every bind failure the JDK reports carries the C library's words in that language. Each test first checks
 * that a JVM started under the locale really speaks it, so a machine without the locale fails here rather than
 * passing in English ({@code .ci/run} generates the three locales).
 */
class LocalizedSampleAppIntegrationTests {

	/**
	 * The C library's text for "Address already in use" in each language, from the GNU C Library's message
	 * catalogues as Debian 12 ships them (glibc 2.36, package {@code libc-l10n},
	 * {@code /usr/share/locale/<language>/LC_MESSAGES/libc.mo}).
	 */
	private static final Map<String, String> IN_USE = Map.of("de_DE.UTF-8", "Die Adresse wird bereits verwendet",
			"fr_FR.UTF-8", "Adresse déjà utilisée", "ja_JP.UTF-8", "アドレスは既に使用中です");

	private final Processes processes = new Processes();

	@AfterEach
	void stopProcesses() {
		this.processes.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8" })
	void aPortHeldByPythonIsLeftForTheNextOneOrExplainedWithItsHolder(String locale) {
		this.processes.inLocale(locale);
		int port = Processes.freeBlock(3);
		Processes.Running python = this.processes.python("127.0.0.1", port);
		assertSpeaks(locale, this.processes.jvmFailingToHold("127.0.0.1", port));
		Processes.Running auto = this.processes.sampleApp("--portguard.auto=true", "--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1));
		Processes.Running fixed = this.processes.sampleApp("--portguard.auto=false", "--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(auto.awaitStarted()).isEqualTo(port + 1);
		assertThat(auto.output()).contains("Port " + port + " is in use, using port " + (port + 1)
				+ " instead (server.port)");
		assertThat(Processes.get(port + 1, "/")).contains("\"port\":" + (port + 1));
		assertThat(fixed.awaitExit()).isNotZero();
		assertThat(fixed.output()).contains("APPLICATION FAILED TO START")
			.contains("Web server failed to start. Port " + port + " on 127.0.0.1 (server.port) is already in use.")
			.contains("Held by process " + python.pid() + " (python3), listening on 127.0.0.1:" + port)
			.contains("1. Stop the process that holds the port: kill " + python.pid())
			.contains("2. Use another port, free right now: --server.port=")
			.contains("3. Let portguard choose a free port at start-up: portguard.auto=true");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8" })
	void permissionDeniedAndAnAddressOfAnotherMachineKeepTheirOwnAnalyses(String locale) throws IOException {
		this.processes.inLocale(locale);
		int held = Processes.freeBlock(1);
		this.processes.python("127.0.0.1", held);
		assertSpeaks(locale, this.processes.jvmFailingToHold("127.0.0.1", held));
		List<String> asNobody = Processes.asNobody();
		Processes.Running fixed = this.processes.sampleAppAs(asNobody, "--portguard.auto=false", "--server.port=80",
				"--sample.echo.port=" + Processes.freeBlock(1));
		Processes.Running auto = this.processes.sampleAppAs(asNobody, "--portguard.auto=true", "--server.port=80",
				"--sample.echo.port=" + Processes.freeBlock(1));
		Processes.Running elsewhere = this.processes.sampleApp("--portguard.auto=false", "--server.address=192.0.2.1",
				"--server.port=" + Processes.freeBlock(1), "--sample.echo.port=" + Processes.freeBlock(1));
		assertThat(fixed.awaitExit()).isNotZero();
		assertThat(fixed.output()).contains("Port 80 on 127.0.0.1 (server.port) cannot be bound: permission denied.")
			.contains("1. Use a port of 1024 or above: --server.port=8080")
			.doesNotContain("already in use");
		assertThat(auto.awaitExit()).isNotZero();
		assertThat(auto.output()).contains("Port 80 for 'server' (server.port=80) on 127.0.0.1 cannot be bound: "
				+ "permission denied.")
			.doesNotContain("in use");
		assertThat(elsewhere.awaitExit()).isNotZero();
		assertThat(elsewhere.output()).contains("server.address=192.0.2.1 cannot be bound on port")
			.contains("cannot assign requested address. It is not an address of this machine.")
			.doesNotContain("already in use");
	}

	/**
	 * Fail with the remedy when a JVM under the locale did not speak its language: the locale is not generated.
	 */
	private static void assertSpeaks(String locale, String output) {
		assertThat(output).as("A JVM started under " + locale + " should report an address in use as '"
				+ IN_USE.get(locale) + "'. Generate the locale (Debian: apt-get install locales; localedef -i "
				+ locale.substring(0, locale.indexOf('.')) + " -f UTF-8 " + locale + "), as .ci/run does")
			.contains("java.net.BindException: " + IN_USE.get(locale));
	}

}
