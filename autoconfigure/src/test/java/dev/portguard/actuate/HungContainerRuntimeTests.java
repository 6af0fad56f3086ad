package dev.portguard.actuate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container runtime that hangs: any local process can call itself {@code docker-proxy}, and the {@code docker} it
 * makes portguard ask may never answer and may fork. A real process named {@code docker-proxy} holds a port, and a
 * real shell script named {@code docker}, first on the {@code PATH} of a second JVM, forks children (one of them
 * daemonised, so that it leaves the script's process tree) and never answers.
 */
class HungContainerRuntimeTests {

	private final Holders holders = new Holders();

	@TempDir
	Path directory;

	@AfterEach
	void stop() {
		this.holders.close();
	}

	@Test
	void aHungRuntimeNeitherStallsTheViewNorLosesTheHolderNorLeavesProcessesBehind() throws Exception {
		int port = Sockets.freeBlock(1);
		Process proxy = this.holders.pythonNamed("docker-proxy", port);
		Path bin = Files.createDirectory(this.directory.resolve("bin"));
		Path pids = this.directory.resolve("pids");
		Path docker = bin.resolve("docker");
		Files.writeString(docker, """
				#!/bin/sh
				echo $$ >> "$PORTGUARD_TEST_PIDS"
				sleep 300 &
				echo $! >> "$PORTGUARD_TEST_PIDS"
				sh -c 'sleep 301 & echo $! >> "$PORTGUARD_TEST_PIDS"' &
				sleep 302
				""", StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwx------"));
		List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-cp", System.getProperty("java.class.path"), HungRuntimeMain.class.getName(),
				String.valueOf(port), pids.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
		builder.environment().put("PORTGUARD_TEST_PIDS", pids.toString());
		Process child = builder.start();
		String output;
		try {
			assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the lookup JVM ended").isTrue();
		}
		finally {
			output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			child.destroyForcibly();
		}
		assertThat(output).as(output)
			.contains("LOCATE FOUND " + proxy.pid() + " docker did not answer within")
			.contains("FIRST FRESH " + proxy.pid())
			.contains("SECOND FRESH " + proxy.pid() + " runtime-still-hanging=true")
			.contains("DONE");
		List<String> started = Files.readAllLines(pids);
		// Two runs of the script (the direct lookup and the view's), each recording itself and two children.
		assertThat(started).hasSizeGreaterThanOrEqualTo(6);
		for (String pid : started) {
			// Killed processes are gone once their parent (init, for the daemonised one) has reaped them.
			ProcessHandle process = ProcessHandle.of(Long.parseLong(pid.trim())).orElse(null);
			if (process != null) {
				try {
					process.onExit().get(30, TimeUnit.SECONDS);
				}
				catch (TimeoutException ex) {
					// Asserted below.
				}
			}
			assertThat(process != null && process.isAlive())
				.as("process %s started by the hung runtime is still running: %s", pid,
						(process != null) ? process.info() : "")
				.isFalse();
		}
	}

}
