package dev.portguard.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.portguard.testsupport.ClassPath;
import dev.portguard.testsupport.Sockets;
import dev.portguard.testsupport.Unprivileged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the sticky port, which is read from the registry and so is only a wish: a real JVM, run as nobody,
 * resolving with a sticky port it may not bind (80, below {@code net.ipv4.ip_unprivileged_port_start}).
 */
class StickyPortTests {

	@Test
	void stickyPortThatCannotBeBoundIsSkipped() throws Exception {
		int port = Sockets.freeBlock(1);
		String java = ProcessHandle.current().info().command().orElseThrow();
		String classpath = ClassPath.ofPortguard();
		List<String> command = new ArrayList<>(Unprivileged.prefix());
		command.addAll(List.of(java, "-Xmx32m", "-cp", classpath, StickyMain.class.getName(), "80",
				String.valueOf(port)));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(output).as("port 80 must be privileged here (net.ipv4.ip_unprivileged_port_start > 80)")
			.isEqualTo(port + " 80:PERMISSION_DENIED " + port + ":FREE");
	}

}
