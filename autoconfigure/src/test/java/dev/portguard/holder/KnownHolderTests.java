package dev.portguard.holder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KnownHolder} on the cases no recording covers: process 1 in a container, systemd, and ordinary
 * processes whose names resemble a known one.
 */
class KnownHolderTests {

	@Test
	void processOneInAContainerIsAnOrdinaryProcess() {
		assertThat(holder(1, "python3", "/usr/local/bin/python3.12").known()).isEmpty();
		assertThat(holder(1, "java", "/opt/java/openjdk/bin/java").known()).isEmpty();
	}

	@Test
	void systemdHoldingASocketUnitIsRecognised() {
		assertThat(holder(1, "systemd", "/usr/lib/systemd/systemd").known()).contains(KnownHolder.SYSTEMD_SOCKET);
		assertThat(holder(1, "systemd", "/usr/lib/systemd/systemd").isContainerProxy()).isFalse();
	}

	@Test
	void namesThatOnlyResembleAKnownHolderAreNotRecognised() {
		assertThat(holder(4242, "exe", "/usr/local/bin/exe").known()).isEmpty();
		assertThat(holder(4242, "ssh", "/usr/bin/ssh").known()).isEmpty();
		assertThat(holder(4242, "docker", "/usr/bin/docker").known()).isEmpty();
		assertThat(holder(4, "nginx", "/usr/sbin/nginx").known()).isEmpty();
	}

	@Test
	void containerForwardersAreProxiesAndOthersAreNot() {
		assertThat(holder(4242, "docker-proxy", "/usr/sbin/docker-proxy").isContainerProxy()).isTrue();
		assertThat(holder(4242, "dockerd", "/usr/sbin/dockerd").isContainerProxy()).isFalse();
		assertThat(holder(4242, "wslrelay.exe", null).isContainerProxy()).isFalse();
	}

	private static PortHolder holder(long pid, String name, String executable) {
		return new PortHolder(pid, name, executable, null, null, null, "0.0.0.0:8080", null);
	}

}
