package dev.portguard.holder;

import java.util.ArrayList;
import java.util.List;

import dev.portguard.testsupport.Recorded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the readers of macOS', FreeBSD's and the container runtimes' tools, and for recognising the processes
 * that hold ports for others, on outputs recorded on real machines; each file under {@code holder/recorded} names
 * its public source. Where a recording is a tool's table rather than the form portguard asks for ({@code lsof}'s
 * table rather than {@code -F}, {@code docker ps}' table rather than its {@code --format}), the test takes the
 * columns it needs from the table: the values are the tool's own.
 */
class UnixRecordedOutputTests {

	@Test
	void lsofFieldsOnMacOsNameControlCenterOnAirPlayPorts() {
		List<LsofOutput.Entry> entries = LsofOutput.parse(Recorded.output("macos/lsof-F-controlcenter-5000-7000.txt"));
		assertThat(entries).filteredOn((entry) -> entry.address().equals("*:5000"))
			.extracting(LsofOutput.Entry::pid, LsofOutput.Entry::command, LsofOutput.Entry::login)
			.containsOnly(org.assertj.core.groups.Tuple.tuple(866L, "ControlCenter", "dolevh"));
		PortHolder holder = new PortHolder(866, "ControlCenter", null, null, "dolevh", null, "*:5000", null);
		assertThat(holder.known()).contains(KnownHolder.AIRPLAY_RECEIVER);
	}

	@Test
	void lsofOnLinuxWithTcpInfoFields() {
		assertThat(LsofOutput.parse(Recorded.output("linux/lsof-F-with-T-fields.txt")))
			.extracting(LsofOutput.Entry::pid, LsofOutput.Entry::command)
			.contains(org.assertj.core.groups.Tuple.tuple(1653L, "kdeconnectd"));
	}

	@Test
	void macOsHoldersAsLsofCutsTheirNamesAreRecognised() {
		assertThat(known("macos/lsof-listen-controlcenter-docker-python.txt", "7000"))
			.contains(KnownHolder.AIRPLAY_RECEIVER);
		assertThat(known("macos/lsof-i-5000-controlcenter-servicename.txt", "commplex-main"))
			.contains(KnownHolder.AIRPLAY_RECEIVER);
		assertThat(known("macos/lsof-listen-controlcenter-docker-python.txt", "5432"))
			.contains(KnownHolder.DOCKER_DESKTOP);
		assertThat(known("macos/lsof-tcp-3000-docker-backend.txt", "hbci")).contains(KnownHolder.DOCKER_DESKTOP);
		assertThat(known("macos/lsof-tcp-9701-docker-vpnkit.txt", "9701")).contains(KnownHolder.DOCKER_DESKTOP);
		assertThat(known("macos/lsof-tcp-80-docker-slirp.txt", "http")).contains(KnownHolder.DOCKER_DESKTOP);
		assertThat(known("macos/lsof-8080-docker-http-alt.txt", "http-alt")).contains(KnownHolder.DOCKER_DESKTOP);
		assertThat(known("macos/lsof-gvproxy-podman-machine-listen.txt", "58080")).contains(KnownHolder.PODMAN);
		assertThat(known("macos/lsof-i-80-gvproxy.txt", "http")).contains(KnownHolder.PODMAN);
		assertThat(known("macos/lsof-lima-colima-ssh-forwards.txt", "54162")).contains(KnownHolder.LIMA);
		assertThat(known("macos/lsof-orbstack-macvmgr-no-user.txt", "54639")).contains(KnownHolder.ORBSTACK);
		assertThat(known("macos/lsof-PiTCP-launchd-5900.txt", "5900")).contains(KnownHolder.OPERATING_SYSTEM);
		assertThat(known("macos/lsof-listen-controlcenter-docker-python.txt", "8000")).isEmpty();
	}

	@Test
	void colimaTunnelIsRecognisedByItsCommandLineOnly() {
		PortHolder tunnel = lsofTableHolder("macos/lsof-colima-ssh-8025.txt", "ca-audit-da");
		assertThat(tunnel.name()).isEqualTo("ssh");
		assertThat(tunnel.known()).isEmpty();
		PortHolder colima = new PortHolder(tunnel.pid(), "ssh", "/usr/bin/ssh",
				"/usr/bin/ssh -F /Users/me/.colima/_lima/colima/ssh.config lima-colima", null, null, tunnel.listening(),
				null);
		assertThat(colima.known()).contains(KnownHolder.LIMA);
	}

	@Test
	void linuxHoldersOfRootlessContainersAreRecognised() {
		assertThat(ssHolder("linux/ss-lnpt-rootlessport.txt", 8080).known()).contains(KnownHolder.ROOTLESSKIT);
		assertThat(ssHolder("linux/podman-port-and-ss-pasta.txt", 8080).known()).contains(KnownHolder.PODMAN);
		assertThat(ssHolder("linux/ss-lnpt-docker-proxy.txt", 9999).known()).contains(KnownHolder.DOCKER_PROXY);
		PortHolder exe = ssHolder("linux/ss-nlpt-podman-rootless-exe.txt", 45432);
		assertThat(exe.name()).isEqualTo("exe");
		// ss shows only the name; the process' executable, read from /proc/<pid>/exe, is Podman itself.
		assertThat(exe.known()).isEmpty();
		assertThat(new PortHolder(exe.pid(), "exe", "/usr/bin/podman", null, null, null, exe.listening(), null).known())
			.contains(KnownHolder.PODMAN);
	}

	@Test
	void sockstatNamesEveryWorkerOfAPreForkingServer() {
		List<SockstatOutput.Entry> httpd = SockstatOutput.parse(
				Recorded.output("freebsd/sockstat-4-l-httpd-prefork.txt"), 80);
		assertThat(httpd).hasSize(11).extracting(SockstatOutput.Entry::command).containsOnly("httpd");
		assertThat(httpd).extracting(SockstatOutput.Entry::pid).contains(672L, 690L, 774L);
		assertThat(httpd).filteredOn((entry) -> entry.pid() == 672).singleElement()
			.satisfies((entry) -> assertThat(entry.user()).isEqualTo("root"));
		assertThat(SockstatOutput.parse(Recorded.output("freebsd/sockstat-4l-unicorn-workers.txt"), 8080))
			.extracting(SockstatOutput.Entry::pid, SockstatOutput.Entry::address)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(36249L, "127.0.0.1:8080"),
					org.assertj.core.groups.Tuple.tuple(36248L, "127.0.0.1:8080"),
					org.assertj.core.groups.Tuple.tuple(36244L, "127.0.0.1:8080"));
		assertThat(SockstatOutput.parse(Recorded.output("freebsd/sockstat-4-l-httpd-prefork.txt"), 514)).isEmpty();
	}

	@Test
	void sockstatWithoutListenFilterKeepsOnlyTcp() {
		assertThat(SockstatOutput.parse(Recorded.output("freebsd/sockstat-all-mixed.txt"), -1))
			.extracting(SockstatOutput.Entry::port)
			.isNotEmpty()
			.allSatisfy((port) -> assertThat(port).isPositive());
	}

	@Test
	void publishedPortsAreMatchedOnTheHostSideOnly() {
		String ports = dockerPsPorts("containers/docker-ps-ipv6-colons.txt", "amazing_elbakyan");
		assertThat(ports).isEqualTo("0.0.0.0:8080->80/tcp, :::8080->80/tcp");
		assertThat(ContainerLookup.publishes(ports, 8080)).isTrue();
		assertThat(ContainerLookup.publishes(ports, 80)).isFalse();
		assertThat(ContainerLookup.publishes(dockerPsPorts("containers/docker-ps-ipv6-colons.txt", "nginx_server"), 80))
			.isFalse();
		assertThat(ContainerLookup.publishes(
				dockerPsPorts("containers/docker-ps-postgres-brackets-single.txt", "pg_container"), 5432)).isTrue();
		String mixed = dockerPsPorts("containers/docker-ps-mixed-exposed-and-published.txt", "nginx-cont");
		assertThat(ContainerLookup.publishes(mixed, 8080)).isTrue();
		assertThat(ContainerLookup.publishes(mixed, 443)).isFalse();
	}

	@Test
	void dockersPublishFilterMatchesTheContainerPortWhichIsWhyItIsNotUsed() {
		// Recorded with "docker ps --filter publish=80": the container publishes host port 32768, not 80.
		String ports = dockerPsPorts("containers/docker-ps-filter-publish-80.txt", "admiring_roentgen");
		assertThat(ContainerLookup.publishes(ports, 80)).isFalse();
		assertThat(ContainerLookup.publishes(ports, 32768)).isTrue();
	}

	@Test
	void podmanPortRangesAndHostAddresses() {
		String many = dockerPsPorts("containers/podman-ps-port-ranges.txt", "manyports");
		assertThat(ContainerLookup.publishes(many, 80)).isTrue();
		assertThat(ContainerLookup.publishes(many, 2003)).isTrue();
		assertThat(ContainerLookup.publishes(many, 8080)).isFalse();
		assertThat(ContainerLookup.publishes(dockerPsPorts("containers/podman-ps-port-ranges.txt", "zen_sanderson"),
				1006)).isTrue();
		assertThat(ContainerLookup.publishes(
				dockerPsPorts("containers/podman-ps-a-container-ports.txt", null), 6379)).isFalse();
	}

	@Test
	void containerLookupParsesTheFormatItAsksForWithRecordedPortColumns() {
		// The recorded table's columns joined with tabs, the shape "ps --format" is asked to print.
		String line = "4089df24d4f3\tmanyports\tdocker.io/library/centos:latest\t"
				+ dockerPsPorts("containers/podman-ps-port-ranges.txt", "manyports");
		assertThat(ContainerLookup.parse("podman", line, 2001))
			.isEqualTo(new ContainerInfo("podman", "4089df24d4f3", "manyports", "docker.io/library/centos:latest"));
		assertThat(ContainerLookup.parse("podman", line, 8080)).isNull();
		assertThat(ContainerLookup.command("podman")).doesNotContain("--filter");
	}

	@Test
	void composeFormatOfNamesAndPorts() {
		String output = Recorded.output("containers/docker-ps-format-names-ports.txt");
		String db = output.lines().dropWhile((line) -> !line.equals("openverse-db-1")).skip(1).findFirst()
			.orElseThrow().trim();
		assertThat(ContainerLookup.publishes(db, 50254)).isTrue();
		assertThat(ContainerLookup.publishes(db, 5432)).isFalse();
	}

	private static java.util.Optional<KnownHolder> known(String file, String port) {
		return lsofTableHolder(file, port).known();
	}

	/**
	 * Take the command, pid and address of the first listener on a port from {@code lsof}'s table.
	 */
	private static PortHolder lsofTableHolder(String file, String port) {
		for (String line : Recorded.output(file).split("\n")) {
			String[] fields = line.trim().split("\\s+");
			int tcp = List.of(fields).indexOf("TCP");
			if (fields.length > 2 && tcp > 0 && tcp + 1 < fields.length && fields[tcp + 1].endsWith(":" + port)) {
				return new PortHolder(Long.parseLong(fields[1]), fields[0], null, null, null, null, fields[tcp + 1],
						null);
			}
		}
		throw new IllegalArgumentException("No listener on " + port + " in " + file);
	}

	/**
	 * Take the first process of the listener on a port from {@code ss -ltnp}: {@code users:(("name",pid=N,fd=M))}.
	 */
	private static PortHolder ssHolder(String file, int port) {
		for (String line : Recorded.output(file).split("\n")) {
			String[] fields = line.trim().split("\\s+");
			List<String> columns = new ArrayList<>(List.of(fields));
			String local = columns.stream().filter((field) -> field.endsWith(":" + port)).findFirst().orElse(null);
			int users = line.indexOf("users:((\"");
			if (local != null && users >= 0) {
				String rest = line.substring(users + 9);
				String name = rest.substring(0, rest.indexOf('"'));
				String pid = rest.substring(rest.indexOf("pid=") + 4);
				pid = pid.substring(0, pid.indexOf(','));
				return new PortHolder(Long.parseLong(pid), name, null, null, null, null, local, null);
			}
		}
		throw new IllegalArgumentException("No listener on " + port + " in " + file);
	}

	/**
	 * Take the PORTS column of a container's row in {@code docker ps} or {@code podman ps}: from where its heading
	 * starts to where the NAMES heading starts.
	 */
	private static String dockerPsPorts(String file, String name) {
		String[] lines = Recorded.output(file).split("\n");
		int start = lines[0].indexOf("PORTS");
		int end = lines[0].indexOf("NAMES");
		for (int i = 1; i < lines.length; i++) {
			if (lines[i].length() > end && (name == null || lines[i].substring(end).trim().equals(name))) {
				return lines[i].substring(start, end).trim();
			}
		}
		throw new IllegalArgumentException("No container " + name + " in " + file);
	}

}
