package dev.portguard.holder;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the parsers of {@code /proc/net/tcp} and {@code lsof} output recorded here. The samples under
 * {@code src/test/resources/holder} were recorded on Debian 12 with real listeners (python3 on 127.0.0.1 and ::1,
 * docker-proxy for a container, a copy of python3 with an odd name); outputs of other systems, recorded on them,
 * are read in {@link WindowsRecordedOutputTests} and {@link UnixRecordedOutputTests}.
 */
class ParserTests {

	@Test
	void procNetTcpFindsTheIpv4LoopbackListener() throws Exception {
		List<ProcNetTcp.Entry> entries = ProcNetTcp.parse(resource("proc-net-tcp.txt"), 23456);
		assertThat(entries).hasSize(1);
		ProcNetTcp.Entry entry = entries.get(0);
		assertThat(entry.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
		assertThat(entry.localAddress()).isEqualTo("127.0.0.1:23456");
		assertThat(entry.uid()).isZero();
		assertThat(entry.inode()).isEqualTo(78298);
	}

	@Test
	void procNetTcpFindsTheWildcardListener() {
		assertThat(ProcNetTcp.parse(resource("proc-net-tcp.txt"), 23999)).singleElement()
			.satisfies((entry) -> assertThat(entry.localAddress()).isEqualTo("0.0.0.0:23999"));
	}

	@Test
	void procNetTcp6FindsTheIpv6LoopbackListenerAndTheWildcard() {
		assertThat(ProcNetTcp.parse(resource("proc-net-tcp6.txt"), 23457)).singleElement()
			.satisfies((entry) -> assertThat(entry.localAddress()).isEqualTo("[::1]:23457"));
		assertThat(ProcNetTcp.parse(resource("proc-net-tcp6.txt"), 23999)).singleElement()
			.satisfies((entry) -> assertThat(entry.localAddress()).isEqualTo("[::]:23999"));
	}

	@Test
	void procNetTcpIgnoresConnectionsAndOtherPorts() {
		assertThat(ProcNetTcp.parse(resource("proc-net-tcp.txt"), 80)).isEmpty();
		assertThat(ProcNetTcp.parse("garbage\n  0: nonsense\n", 23456)).isEmpty();
	}

	@Test
	void lsofIpv4() {
		assertThat(LsofOutput.parse(resource("lsof-ipv4.txt")))
			.containsExactly(new LsofOutput.Entry(6936, "python3", "root", "127.0.0.1:23456"));
	}

	@Test
	void lsofIpv6() {
		assertThat(LsofOutput.parse(resource("lsof-ipv6.txt")))
			.containsExactly(new LsofOutput.Entry(6938, "python3", "root", "[::1]:23457"));
	}

	@Test
	void lsofDockerProxyOnBothFamilies() {
		assertThat(LsofOutput.parse(resource("lsof-docker-proxy.txt"))).extracting(LsofOutput.Entry::pid,
				LsofOutput.Entry::command, LsofOutput.Entry::address)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(7224L, "docker-proxy", "*:23999"),
					org.assertj.core.groups.Tuple.tuple(7230L, "docker-proxy", "*:23999"));
	}

	@Test
	void lsofOddProcessNameIsKeptAsWritten() {
		assertThat(LsofOutput.parse(resource("lsof-odd-name.txt"))).singleElement()
			.satisfies((entry) -> assertThat(entry.command()).isEqualTo("wëird <srv> \"q"));
	}

	@Test
	void containerRuntimeOutputIsMatchedOnTheHostPort() {
		String output = "9e6b82508215\tpg-web\tportguard/busybox:local\t0.0.0.0:18080->80/tcp, :::18080->80/tcp\n";
		assertThat(ContainerLookup.parse("docker", output, 18080))
			.isEqualTo(new ContainerInfo("docker", "9e6b82508215", "pg-web", "portguard/busybox:local"));
		assertThat(ContainerLookup.parse("docker", output, 80)).isNull();
		assertThat(ContainerLookup.parse("podman", "", 18080)).isNull();
	}

	@Test
	void operatingSystemCommands() {
		assertThat(OperatingSystem.of("Linux")).isEqualTo(OperatingSystem.LINUX);
		assertThat(OperatingSystem.of("Mac OS X")).isEqualTo(OperatingSystem.MAC);
		assertThat(OperatingSystem.of("Windows 11")).isEqualTo(OperatingSystem.WINDOWS);
		assertThat(OperatingSystem.LINUX.showHolderCommand(8080)).isEqualTo("sudo ss -ltnp 'sport = :8080'");
		assertThat(OperatingSystem.MAC.showHolderCommand(8080)).isEqualTo("sudo lsof -nP -iTCP:8080 -sTCP:LISTEN");
		assertThat(OperatingSystem.WINDOWS.stopCommand(42)).isEqualTo("Stop-Process -Id 42 -Force");
		assertThat(OperatingSystem.WINDOWS.forceStopCommand(42)).isEqualTo("taskkill /F /PID 42");
		assertThat(OperatingSystem.WINDOWS.stopCommand("1", "2")).isEqualTo("Stop-Process -Id 1,2 -Force");
		assertThat(OperatingSystem.WINDOWS.shell()).isEqualTo("PowerShell");
		assertThat(OperatingSystem.of("FreeBSD")).isEqualTo(OperatingSystem.FREEBSD);
		assertThat(OperatingSystem.FREEBSD.showHolderCommand(8080)).isEqualTo("sockstat -46 -l -P tcp -p 8080");
		assertThat(OperatingSystem.WINDOWS.showHolderCommand(8080))
			.startsWith("Get-NetTCPConnection -LocalPort 8080 -State Listen,Bound");
		assertThat(OperatingSystem.MAC.stopCommand(42)).isEqualTo("kill 42");
	}

	private static String resource(String name) {
		try (InputStream in = ParserTests.class.getResourceAsStream("/holder/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
