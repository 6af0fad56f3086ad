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

}
