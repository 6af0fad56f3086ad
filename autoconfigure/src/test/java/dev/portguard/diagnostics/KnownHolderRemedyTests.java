package dev.portguard.diagnostics;

import dev.portguard.holder.KnownHolder;
import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the failure analysis when a process that holds ports for others holds the port: real processes here,
 * named as the helpers of container runtimes are named on Linux (the kernel cuts {@code com.docker.backend} to
 * {@code com.docker.back}). The analysis names what the process is and never tells the user to kill it.
 */
class KnownHolderRemedyTests {

	private final Holders holders = new Holders();

	private final PortInUseFailureAnalyzer analyzer = new PortInUseFailureAnalyzer(
			new MockEnvironment().withProperty("server.address", "127.0.0.1"));

	@AfterEach
	void stopHolders() {
		this.holders.close();
	}

	@ParameterizedTest
	@CsvSource({ "com.docker.backend, com.docker.back, DOCKER_DESKTOP, docker ps",
			"com.docker.vpnkit, com.docker.vpnk, DOCKER_DESKTOP, docker ps", "vpnkit-bridge, vpnkit-bridge, DOCKER_DESKTOP, docker ps",
			"pasta, pasta, PODMAN, podman ps", "slirp4netns, slirp4netns, PODMAN, podman ps",
			"rootlessport, rootlessport, ROOTLESSKIT, docker ps", "limactl, limactl, LIMA, docker ps",
			"gvproxy, gvproxy, PODMAN, podman ps" })
	void aContainerForwarderWithoutAContainerGetsTheCommandThatListsContainers(String executable, String name,
			KnownHolder known, String listCommand) {
		int port = Sockets.freeBlock(2);
		Process process = this.holders.pythonNamed(executable, port);
		PortHolder holder = PortHolderLocator.forThisMachine().locate(port).holder();
		assertThat(holder).isNotNull();
		assertThat(holder.pid()).isEqualTo(process.pid());
		assertThat(holder.name()).isEqualTo(name);
		assertThat(holder.known()).contains(known);
		FailureAnalysis analysis = this.analyzer.analyze(new PortInUseException(port));
		assertThat(analysis.getDescription()).contains("Held by process " + process.pid() + " (" + name + ")")
			.contains("\n\nThis is " + known.description() + ": it forwards port " + port + " to a container");
		assertThat(analysis.getAction())
			.startsWith("1. List the containers and the ports they publish: " + listCommand
					+ " --format \"table {{.Names}}\\t{{.Ports}}\"")
			.contains("then stop the one that publishes " + port + ": ")
			.contains("(do not stop " + name + ": it serves every container)")
			.doesNotContain("kill");
	}

	@ParameterizedTest
	@CsvSource({ "dockerd, DOCKER_DAEMON, Remove the TCP address on port",
			"wslrelay, WSL_RELAY, Find the Linux process inside WSL" })
	void aRuntimeOrRelayIsNeverStopped(String name, KnownHolder known, String remedy) {
		int port = Sockets.freeBlock(2);
		this.holders.pythonNamed(name, port);
		FailureAnalysis analysis = this.analyzer.analyze(new PortInUseException(port));
		assertThat(analysis.getDescription()).contains("\n\nThis is " + known.description() + ": ");
		assertThat(analysis.getAction()).startsWith("1. " + remedy).doesNotContain("kill");
	}

}
