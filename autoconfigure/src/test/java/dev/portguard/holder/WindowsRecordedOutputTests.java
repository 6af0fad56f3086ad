package dev.portguard.holder;

import java.util.List;

import dev.portguard.testsupport.Recorded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the readers of Windows' tools on outputs recorded on real Windows machines, in English, French,
 * Chinese, Korean and Spanish; each file under {@code holder/recorded/windows} names its public source. No Windows
 * machine runs here, so the commands themselves are not run in these tests.
 */
class WindowsRecordedOutputTests {

	@Test
	void netstatInFrenchWithoutAPidHeadingFindsBothFamilies() {
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-fr.txt"), 80)).containsExactly(
				new NetstatOutput.Entry("0.0.0.0:80", 80, 4), new NetstatOutput.Entry("[::]:80", 80, 4));
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-fr.txt"), 5040))
			.containsExactly(new NetstatOutput.Entry("0.0.0.0:5040", 5040, 10040));
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-fr.txt"), 6463))
			.containsExactly(new NetstatOutput.Entry("127.0.0.1:6463", 6463, 24224));
	}

	@Test
	void netstatConnectionsAreNotListeners() {
		// 8384 listens on 127.0.0.1 and has a TIME_WAIT connection from 27855.
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-fr.txt"), 8384))
			.containsExactly(new NetstatOutput.Entry("127.0.0.1:8384", 8384, 7796));
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-zh.txt"), 49793)).isEmpty();
	}

	@Test
	void netstatInChineseAndKorean() {
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-zh.txt"), 3306)).containsExactly(
				new NetstatOutput.Entry("0.0.0.0:3306", 3306, 4220), new NetstatOutput.Entry("[::]:3306", 3306, 4220));
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-zh.txt"), 139))
			.extracting(NetstatOutput.Entry::pid)
			.containsExactly(4L, 4L, 4L);
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-ko.txt"), 8380))
			.containsExactly(new NetstatOutput.Entry("127.0.0.1:8380", 8380, 9200));
	}

	@Test
	void netstatInEnglishWithTheSystemProcessOnPort80() {
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-anop-tcp-en.txt"), 80))
			.containsExactly(new NetstatOutput.Entry("0.0.0.0:80", 80, 4));
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-anop-tcp-en.txt"), 1433))
			.extracting(NetstatOutput.Entry::pid)
			.containsOnly(2264L);
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-find-8080-pid4.txt"), 8080))
			.containsExactly(new NetstatOutput.Entry("[::]:8080", 8080, 4));
	}

	@Test
	void netstatNamesEveryProcessOnOnePort() {
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-findstr-docker-backend.txt"), 80)).containsExactly(
				new NetstatOutput.Entry("0.0.0.0:80", 80, 4332), new NetstatOutput.Entry("0.0.0.0:80", 80, 9676),
				new NetstatOutput.Entry("[::]:80", 80, 4332), new NetstatOutput.Entry("[::1]:80", 80, 2672));
	}

	@Test
	void netstatOfEveryPortIsLongerThanAWindowsPipeHolds() {
		// The reason CommandRunner reads while the tool runs: a pipe on Windows holds about 4 KiB.
		assertThat(Recorded.output("windows/netstat-ano-fr.txt").length()).isGreaterThan(4096);
		assertThat(NetstatOutput.parse(Recorded.output("windows/netstat-ano-fr.txt"), -1)).hasSizeGreaterThan(30);
	}

	@Test
	void getNetTcpConnectionTableKeepsListenersAndSkipsConnections() {
		String table = Recorded.output("windows/get-nettcpconnection-localaddress.txt");
		assertThat(WindowsPortHolderLocator.listeners(table, 65001))
			.containsExactly(new WindowsPortHolderLocator.Listener("127.0.0.1:65001", 65001, "Listen", 44796, null, null));
		assertThat(WindowsPortHolderLocator.listeners(table, 60946)).isEmpty();
		assertThat(WindowsPortHolderLocator.listeners(table, -1)).extracting(WindowsPortHolderLocator.Listener::port)
			.containsExactly(65001, 59538);
	}

	@Test
	void getNetTcpConnectionRowsWithTheSystemProcess() {
		// The recording of these rows lacks the heading; it is the same table as the one above, whose heading is
		// put back here.
		String heading = Recorded.output("windows/get-nettcpconnection-localaddress.txt").lines().limit(2)
			.reduce("", (a, b) -> a + b + "\n");
		String table = heading + Recorded.output("windows/get-nettcpconnection-rows-pid4.txt");
		assertThat(WindowsPortHolderLocator.listeners(table, 27339)).singleElement()
			.satisfies((listener) -> assertThat(listener.pid()).isEqualTo(4));
		assertThat(WindowsPortHolderLocator.listeners(table, 27060)).extracting(WindowsPortHolderLocator.Listener::pid)
			.containsExactly(26768L);
	}

	@Test
	void excludedPortRangesInEveryLanguageAreReadFromTheirNumbers() {
		assertThat(NetshOutput.excludedRanges(Recorded.output("windows/excludedportrange-en.txt"))).containsExactly(
				new ExcludedPortRange(80, 80, false), new ExcludedPortRange(5986, 5986, false),
				new ExcludedPortRange(47001, 47001, false), new ExcludedPortRange(56638, 56737, false),
				new ExcludedPortRange(56738, 56837, false), new ExcludedPortRange(80, 80, false),
				new ExcludedPortRange(5986, 5986, false), new ExcludedPortRange(47001, 47001, false),
				new ExcludedPortRange(55679, 55679, true));
		List<ExcludedPortRange> chinese = NetshOutput.excludedRanges(Recorded.output("windows/excludedportrange-zh.txt"));
		assertThat(chinese).hasSize(19).contains(new ExcludedPortRange(4549, 4648, false));
		assertThat(chinese).filteredOn(ExcludedPortRange::administered)
			.containsExactly(new ExcludedPortRange(50000, 50059, true));
		assertThat(NetshOutput.excludedRanges(Recorded.output("windows/excludedportrange-zh-2.txt")))
			.filteredOn(ExcludedPortRange::administered)
			.containsExactly(new ExcludedPortRange(1433, 1433, true), new ExcludedPortRange(10362, 10363, true),
					new ExcludedPortRange(50000, 50059, true));
		List<ExcludedPortRange> spanish = NetshOutput.excludedRanges(Recorded.output("windows/excludedportrange-es.txt"));
		assertThat(spanish).hasSize(24).contains(new ExcludedPortRange(1025, 1124, false));
		assertThat(spanish.stream().filter((range) -> range.contains(1100))).hasSize(1);
	}

	@Test
	void tasklistNamesProcessesThisJvmCannotSee() {
		String csv = Recorded.output("windows/tasklist-csv.txt");
		assertThat(TasklistOutput.imageName(csv, 4)).isEqualTo("System");
		assertThat(TasklistOutput.imageName(csv, 4956)).isEqualTo("wslservice.exe");
		assertThat(TasklistOutput.imageName(csv, 5760)).isEqualTo("com.docker.service");
		assertThat(TasklistOutput.imageName(csv, 123456)).isNull();
	}

	@Test
	void knownWindowsHoldersAreRecognisedFromRecordedNames() {
		String csv = Recorded.output("windows/tasklist-csv.txt");
		assertThat(holder(4, TasklistOutput.imageName(csv, 4), null).known()).contains(KnownHolder.WINDOWS_SYSTEM);
		assertThat(holder(1056, TasklistOutput.imageName(csv, 1056), null).known())
			.contains(KnownHolder.WINDOWS_SERVICE_HOST);
		// Get-Process names Docker Desktop's back end without ".exe"; its path is recorded as well.
		assertThat(holder(25740, "com.docker.backend",
				"C:\\Program Files\\Docker\\Docker\\resources\\com.docker.backend.exe").known())
			.contains(KnownHolder.DOCKER_DESKTOP);
		assertThat(Recorded.output("windows/get-process-formatlist-docker-backend.txt"))
			.contains("com.docker.backend")
			.contains("C:\\Program Files\\Docker\\Docker\\resources\\com.docker.backend.exe");
		assertThat(holder(17584, "wslrelay.exe", null).known()).contains(KnownHolder.WSL_RELAY);
		assertThat(Recorded.output("windows/netstat-anob-wslrelay.txt")).contains("[wslrelay.exe]").contains("17584");
		assertThat(holder(2264, "sqlservr.exe", null).known()).isEmpty();
	}

	private static PortHolder holder(long pid, String name, String path) {
		return new PortHolder(pid, name, path, null, null, null, "0.0.0.0:80", null);
	}

}
