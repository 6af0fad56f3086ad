package dev.portguard.diagnostics;

import java.util.List;

import dev.portguard.holder.ContainerInfo;
import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.OperatingSystem;
import dev.portguard.holder.PortConflictAnalysis;
import dev.portguard.holder.PortHolder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the remedy that stops a container: the container's name comes from the runtime's output, where anyone
 * who can start a container chooses it, so it is quoted for the shell the command is written for.
 */
class ContainerStopRemedyTests {

	@Test
	void aPlainNameIsGivenAsItIs() {
		assertThat(firstStep(OperatingSystem.LINUX, "pg-web"))
			.isEqualTo("1. Stop the container that publishes the port: docker stop pg-web");
	}

	@Test
	void aNameWithShellSyntaxIsSingleQuotedForSh() {
		assertThat(firstStep(OperatingSystem.LINUX, ";rm -rf /"))
			.isEqualTo("1. Stop the container that publishes the port: docker stop ';rm -rf /'");
		assertThat(firstStep(OperatingSystem.MAC, "$(x)"))
			.isEqualTo("1. Stop the container that publishes the port: docker stop '$(x)'");
		assertThat(firstStep(OperatingSystem.FREEBSD, "it's"))
			.isEqualTo("1. Stop the container that publishes the port: docker stop 'it'\\''s'");
	}

	@Test
	void aNameWithShellSyntaxIsSingleQuotedForPowerShellOnWindows() {
		assertThat(firstStep(OperatingSystem.WINDOWS, "$(x);it's"))
			.isEqualTo("1. Stop the container that publishes the port (PowerShell): docker stop '$(x);it''s'");
	}

	@Test
	void aNameNoQuotingMakesSafeIsShownEscapedAndTheIdIsUsedInstead() {
		assertThat(firstStep(OperatingSystem.LINUX, "web\u202e\nrm -rf ~"))
			.isEqualTo("1. Stop the container that publishes the port: docker stop 9e6b82508215\n"
					+ "   (its name, web\\u202e\\u000arm -rf ~, holds characters that are not safe in a command)");
		assertThat(firstStep(OperatingSystem.WINDOWS, "a\"b")).startsWith(
				"1. Stop the container that publishes the port (PowerShell): docker stop 9e6b82508215\n");
	}

	private static String firstStep(OperatingSystem os, String name) {
		PortHolder holder = new PortHolder(4242, "docker-proxy", "/usr/bin/docker-proxy", null, "root", null,
				"0.0.0.0:5432", new ContainerInfo("docker", "9e6b82508215", name, "postgres:16"));
		HolderLookup lookup = new HolderLookup(5432, HolderLookup.Status.FOUND, List.of(holder), null, null,
				os.showHolderCommand(5432));
		String action = new PortConflictAnalysis(5432, null, "server.port", lookup, 5433, true, null, os).action();
		return action.substring(0, action.indexOf("\n2. "));
	}

}
