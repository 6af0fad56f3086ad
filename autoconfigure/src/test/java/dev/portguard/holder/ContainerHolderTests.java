package dev.portguard.holder;

import java.util.UUID;

import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the holder lookup when a container runtime holds the port: a standalone {@code docker-proxy}, and a
 * real container on a real Docker engine. They need Debian's docker.io, a running {@code dockerd} and the local
 * image {@code portguard/busybox:local}; {@code .ci/run} provides all three, and without them these tests fail
 * saying so.
 */
class ContainerHolderTests {

	private final Holders holders = new Holders();

	private final PortHolderLocator locator = PortHolderLocator.forThisMachine();

	@AfterEach
	void stopHolders() {
		this.holders.close();
	}

	@Test
	void standaloneDockerProxyIsNamedAsAContainerProxy() {
		int port = Sockets.freeBlock(1);
		Process proxy = this.holders.dockerProxy(port);
		PortHolder holder = this.locator.locate(port).holder();
		assertThat(holder).isNotNull();
		assertThat(holder.pid()).isEqualTo(proxy.pid());
		assertThat(holder.name()).isEqualTo("docker-proxy");
		assertThat(holder.isContainerProxy()).isTrue();
		assertThat(holder.container()).isNull();
	}

	@Test
	void containerPublishingThePortIsNamed() {
		int port = Sockets.freeBlock(1);
		String name = "portguard-test-" + UUID.randomUUID().toString().substring(0, 8);
		this.holders.container(name, port);
		PortHolder holder = this.locator.locate(port).holder();
		assertThat(holder).isNotNull();
		assertThat(holder.name()).isEqualTo("docker-proxy");
		assertThat(holder.container()).isNotNull();
		assertThat(holder.container().name()).isEqualTo(name);
		assertThat(holder.container().image()).isEqualTo("portguard/busybox:local");
		assertThat(holder.container().runtime()).isEqualTo("docker");
	}

}
