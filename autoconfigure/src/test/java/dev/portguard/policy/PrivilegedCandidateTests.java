package dev.portguard.policy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.portguard.testsupport.ClassPath;
import dev.portguard.testsupport.Sockets;
import dev.portguard.testsupport.Unprivileged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for privileged candidates: a real JVM, run as nobody, resolving a taken preferred port whose alternatives or
 * range hold ports below {@code net.ipv4.ip_unprivileged_port_start}. Only the preferred port's refusal fails; any
 * other privileged candidate is skipped like a taken one.
 */
class PrivilegedCandidateTests {

	private static int firstUnprivileged;

	@BeforeAll
	static void readFirstUnprivilegedPort() throws Exception {
		try (InputStream in = Files.newInputStream(Paths.get("/proc/sys/net/ipv4/ip_unprivileged_port_start"))) {
			firstUnprivileged = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
		}
		assertThat(firstUnprivileged).as("port 80 must be privileged here (net.ipv4.ip_unprivileged_port_start > 80)")
			.isGreaterThan(80);
	}

	@Test
	void privilegedAlternativeIsSkippedAndTheNextCandidateIsUsed() throws Exception {
		int preferred = Sockets.freeBlock(1);
		int free = Sockets.freeBlock(1);
		List<String> lines = resolveAsNobody(preferred, "held", "80," + free, 1, "-");
		assertThat(lines).containsExactly("resolved " + free,
				preferred + " PREFERRED IN_USE Address already in use",
				"80 ALTERNATIVE PERMISSION_DENIED privileged, skipped",
				free + " ALTERNATIVE FREE null",
				"Port " + preferred + " is in use, using port " + free + " instead (server.port); also refused: "
						+ "80 (permission denied: privileged, skipped)");
	}

	@Test
	void rangeFromPortOneSkipsEveryPrivilegedPortAndSaysSoInOneRun() throws Exception {
		int preferred = Sockets.freeBlock(1);
		List<String> lines = resolveAsNobody(preferred, "held", "-", 1, "1-65535");
		int resolved = Integer.parseInt(lines.get(0).substring("resolved ".length()));
		assertThat(resolved).isGreaterThanOrEqualTo(firstUnprivileged);
		List<String> candidates = lines.subList(1, lines.size() - 1);
		for (int port = 1; port < firstUnprivileged; port++) {
			assertThat(candidates.get(port)).isEqualTo(port + " RANGE PERMISSION_DENIED privileged, skipped");
		}
		assertThat(candidates.get(candidates.size() - 1)).isEqualTo(resolved + " RANGE FREE null");
		assertThat(lines.get(lines.size() - 1)).startsWith("Port " + preferred + " is in use, using port " + resolved
				+ " instead (server.port); also refused: 1-" + (firstUnprivileged - 1)
				+ " (permission denied: privileged, skipped)");
	}

	@Test
	void privilegedPreferredPortStillFailsAsTheServersOwnBindWould() throws Exception {
		List<String> lines = resolveAsNobody(80, "free", String.valueOf(Sockets.freeBlock(1)), 1, "-");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).isEqualTo("failed PERMISSION_DENIED");
		assertThat(lines.get(1)).startsWith("80 PREFERRED PERMISSION_DENIED ").doesNotContain("skipped");
	}

	private static List<String> resolveAsNobody(int preferred, String hold, String alternatives, int attempts,
			String range) throws Exception {
		String java = ProcessHandle.current().info().command().orElseThrow();
		String classpath = ClassPath.ofPortguard();
		List<String> command = new ArrayList<>(Unprivileged.prefix());
		command.addAll(List.of(java, "-Xmx32m", "-Duser.language=en", "-cp", classpath,
				PrivilegedCandidatesMain.class.getName(), String.valueOf(preferred), hold, alternatives,
				String.valueOf(attempts), range));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			return output.lines().toList();
		}
		finally {
			process.destroyForcibly();
		}
	}

}
