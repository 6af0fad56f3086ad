package dev.portguard.holder;

import java.time.Duration;

import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the lookup of macOS and FreeBSD, run here: macOS' is {@code lsof -F}, whose field output is the same on
 * Linux, so it runs against a real {@code lsof} and real holders; FreeBSD's {@code sockstat} is not on Linux, which
 * shows how a missing tool is reported. {@code .ci/run} installs {@code lsof}.
 */
class ToolPortHolderLocatorTests {

	private final Holders holders = new Holders();

	@AfterEach
	void stopHolders() {
		this.holders.close();
	}

	@Test
	void lsofNamesTheHolder() {
		assertThat(CommandRunner.isAvailable("lsof")).as("lsof is needed (apt-get install lsof; .ci/run does)").isTrue();
		int port = Sockets.freeBlock(1);
		Process python = this.holders.python("127.0.0.1", port);
		HolderLookup lookup = new ToolPortHolderLocator(OperatingSystem.MAC, Duration.ofSeconds(10)).locate(port);
		assertThat(lookup.status()).isEqualTo(HolderLookup.Status.FOUND);
		assertThat(lookup.holder().pid()).isEqualTo(python.pid());
		assertThat(lookup.holder().name()).startsWith("python3");
		assertThat(lookup.holder().listening()).isEqualTo("127.0.0.1:" + port);
		assertThat(lookup.manualCommand()).isEqualTo("sudo lsof -nP -iTCP:" + port + " -sTCP:LISTEN");
	}

	@Test
	void lsofFindingNothingSaysSo() {
		int port = Sockets.freeBlock(1);
		HolderLookup lookup = new ToolPortHolderLocator(OperatingSystem.MAC, Duration.ofSeconds(10)).locate(port);
		assertThat(lookup.status()).isEqualTo(HolderLookup.Status.NOT_VISIBLE);
		assertThat(lookup.detail()).isEqualTo("lsof shows no listener on the port to this user");
	}

	@Test
	void lsofThatDoesNotAnswerInTimeIsNotReportedAsNoListener() {
		int port = Sockets.freeBlock(1);
		this.holders.python("127.0.0.1", port);
		HolderLookup lookup = new ToolPortHolderLocator(OperatingSystem.MAC, Duration.ofMillis(1)).locate(port);
		assertThat(lookup.status()).isEqualTo(HolderLookup.Status.UNKNOWN);
		assertThat(lookup.detail()).isEqualTo("lsof did not answer within 1 ms");
	}

	@Test
	void sockstatMissingIsReportedAsSuch() {
		HolderLookup lookup = new ToolPortHolderLocator(OperatingSystem.FREEBSD, Duration.ofSeconds(2)).locate(8080);
		assertThat(lookup.status()).isEqualTo(HolderLookup.Status.UNKNOWN);
		assertThat(lookup.detail()).isEqualTo("sockstat is not installed");
		assertThat(lookup.manualCommand()).isEqualTo("sockstat -46 -l -P tcp -p 8080");
	}

}
