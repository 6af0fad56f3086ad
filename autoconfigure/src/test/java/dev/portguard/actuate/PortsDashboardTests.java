package dev.portguard.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortsDashboard}.
 */
class PortsDashboardTests {

	private static final String HOSTILE = "<script>alert(1)</script>\"'&";

	@Test
	void everyValueFromOutsideIsEscaped() {
		PortsDescriptor.Holder holder = new PortsDescriptor.Holder(true, 42L, HOSTILE, "/x", "python3 " + HOSTILE,
				HOSTILE, Instant.EPOCH, HOSTILE);
		PortsDescriptor report = new PortsDescriptor(new PortsDescriptor.Policy(true, null),
				List.of(new PortsDescriptor.Port("server", "server.port", 8080, 8081, "fallback", "port 8080 was in use",
						"127.0.0.1", "loopback", null, "10 consecutive", List.of(), 0.1, holder)),
				List.of(new PortsDescriptor.Listener(8080, "0.0.0.0:8080", holder)), Instant.EPOCH);
		String html = PortsDashboard.render(report, Duration.ofSeconds(5));
		assertThat(html).doesNotContain("<script").doesNotContain(HOSTILE);
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
		assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"5\">")
			.contains("default-src 'none'")
			.doesNotContain("http://")
			.doesNotContain("https://");
	}

	@Test
	void bidirectionalAndInvisibleCharactersAreShownEscaped() {
		String name = "evil\u202etxt.exe\u2066x\u2069\u200b\ufeff";
		PortsDescriptor.Holder holder = new PortsDescriptor.Holder(true, 42L, name, "/x", "run " + name, "bob",
				Instant.EPOCH, "c\u202e");
		PortsDescriptor report = new PortsDescriptor(new PortsDescriptor.Policy(true, null),
				List.of(new PortsDescriptor.Port("server", "server.port", 8080, 8081, "fallback", "port 8080 was in use",
						"127.0.0.1", "loopback", null, "10 consecutive", List.of(), 0.1, holder)),
				List.of(new PortsDescriptor.Listener(8080, "0.0.0.0:8080", holder)), Instant.EPOCH);
		String html = PortsDashboard.render(report, Duration.ofSeconds(5));
		assertThat(html).contains("evil\\u202etxt.exe\\u2066x\\u2069\\u200b\\ufeff (pid 42, bob)")
			.contains("<code>run evil\\u202etxt.exe\\u2066x\\u2069\\u200b\\ufeff</code>")
			.contains("container c\\u202e")
			.doesNotContain("\u202e")
			.doesNotContain("\u2066")
			.doesNotContain("\u2069")
			.doesNotContain("\u200b")
			.doesNotContain("\ufeff");
	}

	@Test
	void thePolicyAllowsOnlyThePagesOwnStyleSheet() throws Exception {
		String html = PortsDashboard.render(new PortsDescriptor(new PortsDescriptor.Policy(true, null), List.of(),
				List.of(), Instant.EPOCH), Duration.ofSeconds(5));
		String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
		String hash = java.util.Base64.getEncoder()
			.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
				.digest(style.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(PortsDashboard.CONTENT_SECURITY_POLICY).isEqualTo("default-src 'none'; style-src 'sha256-" + hash
				+ "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
		assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
				+ "style-src 'sha256-" + hash + "'; base-uri 'none'; form-action 'none'\">")
			.doesNotContain("unsafe-inline")
			.doesNotContain(" style=");
	}

	@Test
	void allInterfacesGetAVisibleNote() {
		PortsDescriptor report = new PortsDescriptor(new PortsDescriptor.Policy(false, null),
				List.of(new PortsDescriptor.Port("server", "server.port", 8080, 8080, "fixed", "left as configured", "*",
						"all-interfaces", "binds every network interface: reachable from other machines unless a "
								+ "firewall stops it",
						"", List.of(), 0, null)),
				List.of(), Instant.EPOCH);
		assertThat(PortsDashboard.render(report, Duration.ofSeconds(5))).contains("<p class=\"note\" "
				+ "id=\"exposure-server\"><strong>server</strong> binds every network interface: reachable from other "
				+ "machines unless a firewall stops it.</p>");
	}

	@Test
	void aStaleViewOfTheHostIsSaidWithItsAgeAndHiddenListenersAreCounted() {
		PortsDescriptor report = new PortsDescriptor(new PortsDescriptor.Policy(true, null), List.of(), List.of(),
				Instant.parse("2026-01-01T00:00:00Z"), new PortsDescriptor.HostView("stale", 12_400,
						"listing the host's listening sockets took longer than 2000 ms <b>", 42));
		String html = PortsDashboard.render(report, Duration.ofSeconds(5));
		assertThat(html).contains("<p class=\"note\" id=\"host-view\">The view of this host is stale (12 s old): "
				+ "listing the host&#39;s listening sockets took longer than 2000 ms &lt;b&gt;</p>")
			.contains("<p class=\"meta\" id=\"system-ports-hidden\">42 listening sockets;");
	}

}
