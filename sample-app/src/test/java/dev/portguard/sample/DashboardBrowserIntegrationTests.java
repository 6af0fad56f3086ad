package dev.portguard.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, opens {@code /actuator/ports} of the packaged
 * sample app while a process whose command line carries markup and script holds the preferred port. The test reads
 * the DOM the browser built, checks the rows and statuses, proves that no script ran, and saves a screenshot under
 * {@code target/}.
 */
class DashboardBrowserIntegrationTests {

	private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	private static final String HOSTILE = "<script>document.body.setAttribute('data-pwned','1')</script>"
			+ "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">'\"";

	private final Processes processes = new Processes();

	@AfterEach
	void stopProcesses() {
		this.processes.close();
	}

	@Test
	void dashboardShowsTheTableAndRunsNoScriptFromOtherProcesses() throws Exception {
		assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium; .ci/run installs it)").exists();
		int port = Processes.freeBlock(3);
		String script = "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1'," + port
				+ "))\ns.listen()\ntime.sleep(300)";
		this.processes.command(List.of("python3", "-c", script, HOSTILE), "127.0.0.1", port);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1));
		int actual = app.awaitStarted();
		String url = "http://127.0.0.1:" + actual + "/actuator/ports";
		String dom = chromium("--dump-dom", url);
		assertThat(dom).contains("<table id=\"ports\">");
		assertThat(rowStatus(dom, "server")).isEqualTo("fallback");
		assertThat(rowStatus(dom, "echo")).isEqualTo("preferred");
		assertThat(dom).contains("&lt;script&gt;document.body.setAttribute");
		assertThat(dom).doesNotContain("data-pwned=\"1\"").doesNotContain("data-pwned=\"2\"");
		assertThat(Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(dom).find()).isFalse();
		assertThat(dom).doesNotContain("<img");
		Path screenshot = Paths.get("target/dashboard.png").toAbsolutePath();
		Files.deleteIfExists(screenshot);
		chromium("--screenshot=" + screenshot, url);
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
	}

	private static String rowStatus(String dom, String name) {
		Matcher matcher = Pattern.compile("<tr data-name=\"" + name + "\">.*?<span class=\"status ([a-z-]+)\">",
				Pattern.DOTALL)
			.matcher(dom);
		assertThat(matcher.find()).as("row %s in\n%s", name, dom).isTrue();
		return matcher.group(1);
	}

	private static String chromium(String mode, String url) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory("portguard-chromium");
		List<String> command = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,800", mode, url);
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new String(output, StandardCharsets.UTF_8);
	}

}
