package dev.portguard.policy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.portguard.testsupport.ClassPath;
import dev.portguard.testsupport.Sockets;
import dev.portguard.testsupport.Unprivileged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BindPortProbe}, against real listeners held by the test. Each collision case is also checked
 * against a real server bind, so the probe is proven to answer as the server would.
 */
class BindPortProbeTests {

	private final PortProbe probe = PortProbe.bind();

	@Test
	void probeWhenPortIsFreeReportsFree() {
		int port = Sockets.freeBlock(1);
		assertThat(this.probe.probe(Sockets.loopback(), port).outcome()).isEqualTo(CandidateOutcome.FREE);
		assertThat(this.probe.probe(null, port).outcome()).isEqualTo(CandidateOutcome.FREE);
		assertThat(serverCanBind(null, port)).isTrue();
	}

	@Test
	void probeOnLoopbackWhenWildcardListenerHoldsPortReportsInUse() throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			assertProbeMatchesServer(Sockets.loopback(), port, CandidateOutcome.IN_USE);
		}
	}

	@Test
	void probeOnWildcardWhenLoopbackListenerHoldsPortReportsInUse() throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), port)) {
			assertProbeMatchesServer(null, port, CandidateOutcome.IN_USE);
		}
	}

	@Test
	void probeOnSameAddressAsListenerReportsInUse() throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), port)) {
			ProbeResult result = this.probe.probe(Sockets.loopback(), port);
			assertThat(result.outcome()).isEqualTo(CandidateOutcome.IN_USE);
			assertThat(result.message()).containsIgnoringCase("in use");
		}
	}

	@Test
	void probeOnIpv4LoopbackWhenDualStackIpv6WildcardListenerHoldsPortReportsInUse() throws IOException {
		int port = Sockets.freeBlock(1);
		try (var holder = Sockets.listenIpv6Wildcard(port)) {
			assertProbeMatchesServer(Sockets.loopback(), port, CandidateOutcome.IN_USE);
			assertProbeMatchesServer(null, port, CandidateOutcome.IN_USE);
		}
	}

	@Test
	void probeOnWildcardWhenIpv6LoopbackListenerHoldsPortReportsInUse() throws IOException {
		int port = Sockets.freeBlock(1);
		try (var holder = Sockets.listenIpv6Loopback(port)) {
			assertProbeMatchesServer(null, port, CandidateOutcome.IN_USE);
			assertProbeMatchesServer(Sockets.address("::1"), port, CandidateOutcome.IN_USE);
		}
	}

	@Test
	void probeOnIpv4LoopbackWhenOnlyIpv6LoopbackListenerHoldsPortReportsFreeAsTheServerBindSucceeds()
			throws IOException {
		int port = Sockets.freeBlock(1);
		try (var holder = Sockets.listenIpv6Loopback(port)) {
			assertProbeMatchesServer(Sockets.loopback(), port, CandidateOutcome.FREE);
		}
	}

	@Test
	void probeOnIpv6WildcardWhenIpv4OnlyWildcardListenerHoldsPortReportsInUse() throws IOException {
		int port = Sockets.freeBlock(1);
		try (var holder = Sockets.listenIpv4Wildcard(port)) {
			assertProbeMatchesServer(null, port, CandidateOutcome.IN_USE);
			assertProbeMatchesServer(Sockets.address("::"), port, CandidateOutcome.IN_USE);
			assertProbeMatchesServer(Sockets.loopback(), port, CandidateOutcome.IN_USE);
		}
	}

	@Test
	void probeOnIpv6LoopbackWhenIpv4OnlyWildcardListenerHoldsPortReportsFreeAsTheServerBindSucceeds()
			throws IOException {
		int port = Sockets.freeBlock(1);
		try (var holder = Sockets.listenIpv4Wildcard(port)) {
			assertProbeMatchesServer(Sockets.address("::1"), port, CandidateOutcome.FREE);
		}
	}

	@Test
	void probeOnAddressThatIsNotLocalReportsAddressNotAvailable() {
		ProbeResult result = this.probe.probe(Sockets.address("192.0.2.1"), Sockets.freeBlock(1));
		assertThat(result.outcome()).isEqualTo(CandidateOutcome.ADDRESS_NOT_AVAILABLE);
		assertThat(result.message()).containsIgnoringCase("assign requested address");
	}

	@Test
	void probeOfPrivilegedPortWithoutPrivilegeReportsPermissionDenied() throws Exception {
		String output;
		if (Unprivileged.isRoot()) {
			output = probeAsNobody("127.0.0.1", "80");
		}
		else {
			ProbeResult result = this.probe.probe(Sockets.loopback(), 80);
			output = result.outcome() + " " + result.message();
		}
		assertThat(output).as("probe of port 80 by an unprivileged user; this test needs "
				+ "net.ipv4.ip_unprivileged_port_start at its default of 1024").startsWith("PERMISSION_DENIED");
		assertThat(output).containsIgnoringCase("permission denied");
	}

	@Test
	void ephemeralPortIsBindable() {
		int port = this.probe.ephemeralPort(Sockets.loopback());
		assertThat(port).isPositive();
		assertThat(serverCanBind(Sockets.loopback(), port)).isTrue();
	}

	@Test
	void probeLeavesThePortFreeForTheServer() {
		int port = Sockets.freeBlock(1);
		for (int i = 0; i < 100; i++) {
			assertThat(this.probe.probe(null, port).outcome()).isEqualTo(CandidateOutcome.FREE);
		}
		assertThat(serverCanBind(null, port)).isTrue();
	}

	private void assertProbeMatchesServer(InetAddress address, int port, CandidateOutcome expected) {
		assertThat(this.probe.probe(address, port).outcome()).as("probe of %s:%d", address, port)
			.isEqualTo(expected);
		assertThat(serverCanBind(address, port)).as("server bind of %s:%d", address, port)
			.isEqualTo(expected == CandidateOutcome.FREE);
	}

	private static boolean serverCanBind(InetAddress address, int port) {
		try (ServerSocket server = new ServerSocket()) {
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(address, port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String probeAsNobody(String address, String port) throws Exception {
		String java = ProcessHandle.current().info().command().orElseThrow();
		String classpath = ClassPath.ofPortguard();
		List<String> command = new ArrayList<>(Unprivileged.prefix());
		command.addAll(List.of(java, "-Xmx32m", "-cp", classpath, ProbeMain.class.getName(), address, port));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
	}

}
