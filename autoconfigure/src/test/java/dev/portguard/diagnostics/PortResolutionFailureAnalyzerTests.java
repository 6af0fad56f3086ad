package dev.portguard.diagnostics;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import dev.portguard.policy.Candidate;
import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.CandidateSource;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.PortResolutionException;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortResolutionFailureAnalyzer}.
 */
class PortResolutionFailureAnalyzerTests {

	private final PortResolutionFailureAnalyzer analyzer = new PortResolutionFailureAnalyzer();

	@Test
	void noFreePortListsEveryPortTriedWithItsHolderAndHowToWidenThePolicy() throws Exception {
		int port = Sockets.freeBlock(3);
		try (ServerSocket first = Sockets.listen(Sockets.loopback(), port);
				ServerSocket third = Sockets.listen(Sockets.loopback(), port + 2)) {
			PortRequest request = PortRequest.of("server", "server.port", port, InetAddress.getByName("127.0.0.1"));
			PortResolutionException failure = new PortResolutionException(
					PortResolutionException.Reason.NO_FREE_PORT, request,
					List.of(new Candidate(port, CandidateSource.PREFERRED, CandidateOutcome.IN_USE, "Address in use"),
							new Candidate(port + 1, CandidateSource.NEXT, CandidateOutcome.CLAIMED,
									"'management' (management.server.port)"),
							new Candidate(port + 2, CandidateSource.NEXT, CandidateOutcome.IN_USE, "Address in use")));
			FailureAnalysis analysis = this.analyzer.analyze(failure);
			long pid = ProcessHandle.current().pid();
			assertThat(analysis.getDescription()).isEqualTo("portguard found no free port for 'server' (server.port="
					+ port + ") on 127.0.0.1.\n\nPorts tried, in order:\n" + "    " + port
					+ "  preferred  in use by process " + pid + " (java)\n" + "    " + (port + 1)
					+ "  next  claimed by another managed port 'management' (management.server.port)\n" + "    "
					+ (port + 2) + "  next  in use by process " + pid + " (java)\n");
			assertThat(analysis.getAction()).startsWith("""
					1. Stop a process that holds one of these ports.
					2. Widen the policy: add ports with portguard.alternatives, raise portguard.max-attempts, or add a \
					range with portguard.range (e.g. 10000-10100).
					3. Let the operating system pick a port once the policy is exhausted: portguard.when-exhausted=ephemeral \
					(right now the operating system would give port """);
		}
	}

	@Test
	void noFreePortListsSkippedPrivilegedPortsAsOneLinePerRun() throws Exception {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), port)) {
			PortRequest request = PortRequest.of("server", "server.port", port, InetAddress.getByName("127.0.0.1"));
			String skipped = "privileged, skipped";
			PortResolutionException failure = new PortResolutionException(
					PortResolutionException.Reason.NO_FREE_PORT, request,
					List.of(new Candidate(port, CandidateSource.PREFERRED, CandidateOutcome.IN_USE, "Address in use"),
							new Candidate(80, CandidateSource.ALTERNATIVE, CandidateOutcome.PERMISSION_DENIED, skipped),
							new Candidate(1, CandidateSource.RANGE, CandidateOutcome.PERMISSION_DENIED, skipped),
							new Candidate(2, CandidateSource.RANGE, CandidateOutcome.PERMISSION_DENIED, skipped),
							new Candidate(3, CandidateSource.RANGE, CandidateOutcome.PERMISSION_DENIED, skipped)));
			FailureAnalysis analysis = this.analyzer.analyze(failure);
			assertThat(analysis.getDescription()).isEqualTo("portguard found no free port for 'server' (server.port="
					+ port + ") on 127.0.0.1.\n\nPorts tried, in order:\n" + "    " + port
					+ "  preferred  in use by process " + ProcessHandle.current().pid() + " (java)\n"
					+ "    80  alternative  permission denied (privileged, skipped)\n"
					+ "    1-3  range  permission denied (privileged, skipped)\n");
		}
	}

	@Test
	void permissionDeniedSuggestsAnUnprivilegedPortAndTheCapability() {
		PortRequest request = PortRequest.of("server", "server.port", 80, null);
		PortResolutionException failure = new PortResolutionException(
				PortResolutionException.Reason.PERMISSION_DENIED, request, List.of(
						new Candidate(80, CandidateSource.PREFERRED, CandidateOutcome.PERMISSION_DENIED, "denied")));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo("Port 80 for 'server' (server.port=80) on * (every interface) "
				+ "cannot be bound: permission denied. Ports below 1024 are privileged.");
		assertThat(analysis.getAction()).startsWith("1. Use a port of 1024 or above: --server.port=8080.\n"
				+ "2. Or grant the Java binary the capability to bind privileged ports: "
				+ "sudo setcap 'cap_net_bind_service=+ep' /");
	}

	@Test
	void addressNotAvailableListsThisMachinesAddresses() throws Exception {
		PortRequest request = PortRequest.of("server", "server.port", 8080, InetAddress.getByName("192.0.2.1"));
		PortResolutionException failure = new PortResolutionException(
				PortResolutionException.Reason.ADDRESS_NOT_AVAILABLE, request, List.of(new Candidate(8080,
						CandidateSource.PREFERRED, CandidateOutcome.ADDRESS_NOT_AVAILABLE, "Cannot assign")));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo("Port 8080 for 'server' (server.port=8080) on 192.0.2.1 cannot "
				+ "be bound: cannot assign requested address. 192.0.2.1 is not an address of this machine.");
		assertThat(analysis.getAction()).startsWith("Bind an address of this machine (or leave the address unset to "
				+ "bind every interface). This machine's addresses: ")
			.contains("127.0.0.1");
	}

}
