package dev.portguard.holder;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.portguard.testsupport.ClassPath;
import dev.portguard.testsupport.HoldPortMain;
import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import dev.portguard.testsupport.Unprivileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for the holder lookup on this machine, against real processes holding real ports.
 */
class PortHolderLocatorTests {

	private final Holders holders = new Holders();

	private final PortHolderLocator locator = PortHolderLocator.forThisMachine();

	@AfterEach
	void stopHolders() {
		this.holders.close();
	}

	@Test
	void namesAPythonHttpServer() {
		int port = Sockets.freeBlock(1);
		Process python = this.holders.python("127.0.0.1", port);
		HolderLookup lookup = this.locator.locate(port);
		assertThat(lookup.status()).isEqualTo(HolderLookup.Status.FOUND);
		PortHolder holder = lookup.holder();
		assertThat(holder.pid()).isEqualTo(python.pid());
		assertThat(holder.name()).startsWith("python3");
		assertThat(holder.commandLine()).contains("http.server " + port);
		assertThat(holder.executable()).contains("python3");
		assertThat(holder.user()).isEqualTo(System.getProperty("user.name"));
		assertThat(holder.startedAt()).isCloseTo(python.info().startInstant().orElseThrow(),
				within(1, ChronoUnit.SECONDS));
		assertThat(holder.executable()).isEqualTo(python.info().command().orElseThrow());
		assertThat(holder.listening()).isEqualTo("127.0.0.1:" + port);
	}

	@Test
	void namesASecondJvmAndRecognisesItAsTheSameApplication() {
		int port = Sockets.freeBlock(1);
		Process jvm = this.holders.jvm("0.0.0.0", port);
		PortHolder holder = this.locator.locate(port).holder();
		assertThat(holder).isNotNull();
		assertThat(holder.pid()).isEqualTo(jvm.pid());
		assertThat(holder.name()).isEqualTo("java");
		assertThat(holder.isSameApplicationAs(HoldPortMain.class.getName() + " 127.0.0.1 1",
				ProcessHandle.current().pid())).isTrue();
		assertThat(holder.isSameApplicationAs("com.example.Other", ProcessHandle.current().pid())).isFalse();
	}

	@Test
	void namesAnIpv6OnlyListener() {
		int port = Sockets.freeBlock(1);
		Process python = this.holders.python("::1", port);
		PortHolder holder = this.locator.locate(port).holder();
		assertThat(holder).isNotNull();
		assertThat(holder.pid()).isEqualTo(python.pid());
		assertThat(holder.listening()).isEqualTo("[::1]:" + port);
	}

	@Test
	void namesThisProcessForItsOwnListener() throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket socket = Sockets.listen(null, port)) {
			assertThat(this.locator.locate(port).holder().pid()).isEqualTo(ProcessHandle.current().pid());
		}
	}

	@Test
	void freePortHasNoHolder() {
		HolderLookup lookup = this.locator.locate(Sockets.freeBlock(1));
		assertThat(lookup.status()).isEqualTo(HolderLookup.Status.FREE);
		assertThat(lookup.holders()).isEmpty();
	}

	@Test
	void anotherUsersProcessIsReportedAsNotVisibleWithTheCommandThatShowsIt() throws Exception {
		int port = Sockets.freeBlock(1);
		this.holders.python("127.0.0.1", port);
		String output = lookupAsNobody(port);
		assertThat(output).startsWith("NOT_VISIBLE")
			.contains("a socket of user root (uid 0) holds 127.0.0.1:" + port)
			.contains("sudo ss -ltnp 'sport = :" + port + "'");
	}

	@Test
	void aFailingLookupDegradesToUnknown() {
		// A lookup that fails or hangs cannot be produced on demand with real processes; these two stand-ins
		// exercise the time bound and the failure handling around a real locator's contract.
		PortHolderLocator failing = new BoundedPortHolderLocator((port) -> {
			throw new IllegalStateException("boom");
		}, new ContainerLookup(), OperatingSystem.LINUX, Duration.ofSeconds(2));
		assertThat(failing.locate(8080).status()).isEqualTo(HolderLookup.Status.UNKNOWN);
		assertThat(failing.locate(8080).manualCommand()).isEqualTo("sudo ss -ltnp 'sport = :8080'");
		CountDownLatch never = new CountDownLatch(1);
		PortHolderLocator hanging = new BoundedPortHolderLocator((port) -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return null;
		}, new ContainerLookup(), OperatingSystem.LINUX, Duration.ofMillis(200));
		long start = System.nanoTime();
		HolderLookup lookup = hanging.locate(8080);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(lookup.status()).isEqualTo(HolderLookup.Status.UNKNOWN);
		assertThat(lookup.detail()).isEqualTo("the lookup took longer than 200 ms");
	}

	private static String lookupAsNobody(int port) throws Exception {
		assertThat(Unprivileged.isRoot()).as("this test runs the lookup as an unprivileged user and needs root to do so")
			.isTrue();
		String java = ProcessHandle.current().info().command().orElseThrow();
		String classpath = ClassPath.ofPortguard();
		List<String> command = new ArrayList<>(Unprivileged.prefix());
		command.addAll(List.of(java, "-Xmx32m", "-cp", classpath, LookupMain.class.getName(), String.valueOf(port)));
		Process process = new ProcessBuilder(command)
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
	}

}
