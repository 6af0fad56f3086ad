package dev.portguard.diagnostics;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.PortRequest;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PreflightCheck}, with ports held by real listeners.
 */
class PreflightCheckTests {

	@Test
	void freePortsPass() {
		int port = Sockets.freeBlock(1);
		PreflightCheck.Report report = PreflightCheck.run(
				List.of(PortRequest.of("server", "server.port", port, Sockets.loopback()),
						PortRequest.of("management", "management.server.port", 0, null)),
				false, PortHolderLocator.forThisMachine());
		assertThat(report.exitCode()).isZero();
		assertThat(report.text()).isEqualTo("""
				portguard pre-flight check (portguard.auto=false)

				| Name       | Property               | Requested | Address             | Status | Held by | portguard would use |
				| ---------- | ---------------------- | --------- | ------------------- | ------ | ------- | ------------------- |
				| server     | server.port            | PORT     | 127.0.0.1           | free   |         | PORT               |
				| management | management.server.port | 0         | * (every interface) | random |         | a random port       |

				Every managed port can be served: start-up would succeed.
				""".replace("PORT", String.valueOf(port)));
	}

	@Test
	void aTakenPortWithAutoOffFailsAndNamesItsHolder() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			PreflightCheck.Report report = PreflightCheck.run(
					List.of(PortRequest.of("server", "server.port", port, Sockets.loopback())), false,
					PortHolderLocator.forThisMachine());
			assertThat(report.exitCode()).isEqualTo(1);
			assertThat(report.text()).contains("| in use | " + ProcessHandle.current().pid() + " java |")
				.contains("| none: portguard.auto is off |")
				.endsWith("1 port is taken and portguard.auto is off: start-up would fail.\n");
		}
	}

	@Test
	void aTakenPortWithAutoOnPassesAndShowsTheFallback() throws IOException {
		int port = Sockets.freeBlock(2);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			PreflightCheck.Report report = PreflightCheck.run(
					List.of(PortRequest.of("server", "server.port", port, Sockets.loopback())), true,
					PortHolderLocator.forThisMachine());
			assertThat(report.exitCode()).isZero();
			assertThat(report.text()).contains("| " + (port + 1) + "               |");
		}
	}

	@Test
	void anExhaustedPolicyWithAutoOnFails() throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			PortRequest request = new PortRequest("server", "server.port", port, Sockets.loopback(), List.of(), 1,
					null, dev.portguard.policy.WhenExhausted.FAIL);
			PreflightCheck.Report report = PreflightCheck.run(List.of(request), true,
					PortHolderLocator.forThisMachine());
			assertThat(report.exitCode()).isEqualTo(1);
			assertThat(report.text()).contains("none: no free port")
				.endsWith("1 port is taken and the policy has no free candidate: start-up would fail.\n");
		}
	}

}
