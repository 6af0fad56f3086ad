package dev.portguard.diagnostics;

import java.util.List;

import dev.portguard.holder.ExcludedPortRange;
import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.OperatingSystem;
import dev.portguard.holder.PortConflictAnalysis;
import dev.portguard.holder.PortHolder;
import dev.portguard.testsupport.Recorded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the remedies of the failure analysis for holders seen on real machines: the pids, names, ports and
 * ranges come from outputs recorded on Windows, macOS and FreeBSD (under {@code holder/recorded}, each naming its
 * public source). portguard never tells the user to kill a container runtime, a system process or a process it
 * cannot name, and on Windows says that its commands are for PowerShell.
 */
class RecordedHolderRemedyTests {

	@Test
	void windowsSystemProcessOnPort8080PointsToHttpSys() {
		// netstat-find-8080-pid4.txt: [::]:8080 LISTENING 4; tasklist-csv.txt: "System","4".
		assertThat(Recorded.output("windows/netstat-find-8080-pid4.txt")).contains("[::]:8080").endsWith("4\n");
		PortConflictAnalysis analysis = found(8080, OperatingSystem.WINDOWS, holder(4, "System", null, "[::]:8080"));
		assertThat(analysis.description("Port 8080 is in use."))
			.contains("This is Windows' System process (http.sys): Windows' kernel HTTP listener (http.sys)");
		assertThat(analysis.action()).startsWith(
				"1. As administrator, see which service registered a URL on port 8080 (PowerShell): netsh http show "
						+ "servicestate view=requestq\n   then stop that service: Stop-Service <name>")
			.doesNotContain("Stop-Process")
			.doesNotContain("taskkill");
	}

	@Test
	void wslRelayPointsIntoWsl() {
		// netstat-anob-wslrelay.txt: [::1]:6379 LISTENING 17584 [wslrelay.exe].
		PortConflictAnalysis analysis = found(6379, OperatingSystem.WINDOWS,
				holder(17584, "wslrelay.exe", null, "[::1]:6379"));
		assertThat(analysis.action()).isEqualTo("""
				1. Find the Linux process inside WSL (PowerShell): wsl -e sh -c "ss -ltnp 'sport = :6379'"
				   and stop it there
				2. Or stop every WSL distribution (PowerShell): wsl --shutdown
				3. Use another port, free right now: --server.port=6380
				4. Let portguard choose a free port at start-up: portguard.auto=true""");
	}

	@Test
	void dockerDesktopOnWindowsIsNotStopped() {
		// get-process-formatlist-docker-backend.txt: 25740 com.docker.backend, its path.
		PortConflictAnalysis analysis = found(54798, OperatingSystem.WINDOWS, holder(25740, "com.docker.backend",
				"C:\\Program Files\\Docker\\Docker\\resources\\com.docker.backend.exe", "0.0.0.0:54798"));
		assertThat(analysis.action()).startsWith("1. List the containers and the ports they publish (PowerShell): "
				+ "docker ps --format \"table {{.Names}}\\t{{.Ports}}\"\n   then stop the one that publishes 54798: "
				+ "docker stop <name>\n   (do not stop com.docker.backend: it serves every container)")
			.doesNotContain("Stop-Process");
	}

	@Test
	void windowsServiceHostPointsToItsService() {
		// tasklist-findstr-docker-backend.txt: 9676 svchost.exe, which netstat shows on 0.0.0.0:80.
		PortConflictAnalysis analysis = found(80, OperatingSystem.WINDOWS, holder(9676, "svchost.exe", null, "0.0.0.0:80"));
		assertThat(analysis.action())
			.startsWith("1. Find the service (PowerShell): tasklist /svc /FI \"PID eq 9676\"\n   then, as administrator: "
					+ "Stop-Service <name>");
	}

	@Test
	void anOrdinaryWindowsProcessIsStoppedInPowerShell() {
		// netstat-ano-zh.txt: 0.0.0.0:3306 LISTENING 4220, MySQL.
		PortConflictAnalysis analysis = found(3306, OperatingSystem.WINDOWS,
				holder(4220, "mysqld.exe", null, "0.0.0.0:3306"), holder(4220, "mysqld.exe", null, "[::]:3306"));
		assertThat(analysis.description("Port 3306 is in use.")).contains("Held by process 4220 (mysqld.exe)")
			.doesNotContain("processes that share");
		assertThat(analysis.action()).startsWith("1. Stop the process that holds the port (PowerShell): "
				+ "Stop-Process -Id 4220 -Force\n   (if it does not stop: taskkill /F /PID 4220)");
	}

	@Test
	void airPlayReceiverIsSwitchedOffNotKilled() {
		// lsof-F-controlcenter-5000-7000.txt: p866 cControlCenter n*:5000.
		PortConflictAnalysis analysis = found(5000, OperatingSystem.MAC, holder(866, "ControlCenter", null, "*:5000"));
		assertThat(analysis.description("Port 5000 is in use."))
			.contains("This is macOS' AirPlay Receiver (ControlCenter): AirPlay Receiver listens on the port");
		assertThat(analysis.action()).startsWith("1. Switch off AirPlay Receiver: System Settings > General > "
				+ "AirDrop & Handoff > AirPlay Receiver").doesNotContain("kill");
	}

	@Test
	void everyWorkerOfAPreForkingServerIsStopped() {
		// sockstat-4l-unicorn-workers.txt: ruby 36249, 36248, 36244 on 127.0.0.1:8080.
		PortConflictAnalysis analysis = found(8080, OperatingSystem.FREEBSD,
				holder(36249, "ruby", null, "127.0.0.1:8080"), holder(36248, "ruby", null, "127.0.0.1:8080"),
				holder(36244, "ruby", null, "127.0.0.1:8080"));
		assertThat(analysis.description("Port 8080 is in use."))
			.contains("Held by 3 processes that share one listening socket; the port is free only when all have "
					+ "stopped:\n  process 36249 (ruby)");
		assertThat(analysis.action()).startsWith(
				"1. Stop every process that shares the port: kill 36249 36248 36244\n   (if it does not stop: kill -9 "
						+ "36249 36248 36244)");
	}

	@Test
	void aProcessWithoutANameIsNotStoppedBlindly() {
		PortConflictAnalysis analysis = found(8080, OperatingSystem.WINDOWS, holder(7796, "?", null, "127.0.0.1:8080"));
		assertThat(analysis.action()).startsWith("1. Find out what process 7796 is before stopping it (PowerShell): "
				+ "Get-NetTCPConnection -LocalPort 8080 -State Listen,Bound")
			.doesNotContain("Stop-Process -Id 7796");
	}

	@Test
	void portInAWindowsNatRangeIsExplainedWithWinnat() {
		// excludedportrange-en.txt: 56638-56737, not administered.
		ExcludedPortRange range = new ExcludedPortRange(56638, 56737, false);
		PortConflictAnalysis analysis = analysis(56700, OperatingSystem.WINDOWS, new HolderLookup(56700,
				HolderLookup.Status.EXCLUDED, List.of(), null, "in range", "netstat", range));
		assertThat(analysis.description("Port 56700 is in use.")).isEqualTo("""
				Port 56700 is in use.

				No process holds the port: it lies in ports 56638-56737, a range Windows keeps from applications \
				(reserved at boot by the Windows NAT driver for Hyper-V, WSL or Docker). Windows reports a bind there \
				as "already in use".""");
		assertThat(analysis.action()).isEqualTo("""
				1. As administrator (PowerShell), make the NAT driver give the range up: net stop winnat
				   keep port 56700 for yourself: netsh int ipv4 add excludedportrange protocol=tcp startport=56700 \
				numberofports=1 store=persistent
				   then: net start winnat
				   (a range you reserve keeps the NAT driver from taking the port; programs can still bind it)
				2. See every excluded range: netsh interface ipv4 show excludedportrange protocol=tcp
				3. Use another port, free right now: --server.port=56701
				4. Let portguard choose a free port at start-up: portguard.auto=true""");
	}

	@Test
	void portInAnAdministeredRangeSaysHowToRemoveIt() {
		// excludedportrange-zh.txt: 50000-50059 *.
		ExcludedPortRange range = new ExcludedPortRange(50000, 50059, true);
		PortConflictAnalysis analysis = analysis(50010, OperatingSystem.WINDOWS, new HolderLookup(50010,
				HolderLookup.Status.EXCLUDED, List.of(), null, "in range", "netstat", range));
		assertThat(analysis.description("x")).contains("because an administrator reserved it.");
		assertThat(analysis.action()).startsWith("1. If you do not need the reservation, as administrator "
				+ "(PowerShell): netsh int ipv4 delete excludedportrange protocol=tcp startport=50000 numberofports=60");
	}

	@Test
	void aLookupThatTimedOutSaysSoRatherThanNoListener() {
		PortConflictAnalysis analysis = analysis(8080, OperatingSystem.WINDOWS, new HolderLookup(8080,
				HolderLookup.Status.UNKNOWN, List.of(), null,
				"PowerShell did not answer within 1500 ms; netstat did not answer within 1500 ms",
				OperatingSystem.WINDOWS.showHolderCommand(8080)));
		assertThat(analysis.description("x")).contains("portguard could not find the holder (PowerShell did not "
				+ "answer within 1500 ms; netstat did not answer within 1500 ms).\nTo see it (PowerShell): "
				+ "Get-NetTCPConnection -LocalPort 8080 -State Listen,Bound");
	}

	private static PortHolder holder(long pid, String name, String path, String listening) {
		return new PortHolder(pid, name, path, null, null, null, listening, null);
	}

	private static PortConflictAnalysis found(int port, OperatingSystem os, PortHolder... holders) {
		return analysis(port, os, new HolderLookup(port, HolderLookup.Status.FOUND, List.of(holders), null, null,
				os.showHolderCommand(port)));
	}

	private static PortConflictAnalysis analysis(int port, OperatingSystem os, HolderLookup lookup) {
		return new PortConflictAnalysis(port, null, "server.port", lookup, port + 1, false, "com.example.App", os);
	}

}
