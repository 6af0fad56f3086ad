package dev.portguard.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.PortRequest;
import dev.portguard.testsupport.HoldPortMain;
import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for replacing an earlier instance, with real processes: a second JVM holding the port as the earlier
 * instance, a listener of the test's own standing for the endpoint a planted shutdown URL points at, a registry
 * directory planted by another user (nobody; CI runs as root). The time guard only keeps a hang from hanging the
 * build; nothing here measures speed.
 */
class PreviousInstanceTests {

	private static final String MAIN = HoldPortMain.class.getName();

	@TempDir
	Path temporary;

	private final Holders holders = new Holders();

	private final List<String> log = new ArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private ServerSocket listener;

	@AfterEach
	void stop() throws IOException {
		this.holders.close();
		if (this.listener != null) {
			this.listener.close();
		}
	}

	@Test
	void registryPlantedByAnotherUserStopsNothingAndCallsNothing() throws Exception {
		int port = Sockets.freeBlock(1);
		Process earlier = this.holders.jvm("127.0.0.1", port);
		Path directory = Files.createDirectory(this.temporary.resolve("instances"));
		InstanceRegistry.at(directory).register(instance(earlier, port, "http://127.0.0.1:" + listen() + "/shutdown"));
		Files.setOwner(directory, directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(
				"nobody"));
		assertThat(replace(directory, "orders", MAIN, port)).isFalse();
		assertThat(earlier.isAlive()).isTrue();
		assertThat(this.requests).hasValue(0);
		assertThat(this.log).singleElement().asString()
			.startsWith("Port " + port + " (server.port) is taken, but the instance registry is not used ("
					+ directory + " belongs to nobody");
	}

	@Test
	void shutdownUrlToAPortTheHolderDoesNotListenOnIsNotCalledAndTheSignalIsUsed() throws Exception {
		int port = Sockets.freeBlock(1);
		Process earlier = this.holders.jvm("127.0.0.1", port);
		int other = listen();
		Path directory = this.temporary.resolve("instances");
		InstanceRegistry.at(directory).register(instance(earlier, port, "http://127.0.0.1:" + other + "/shutdown"));
		assertThat(replace(directory, "orders", MAIN, port)).isTrue();
		assertThat(earlier.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.requests).hasValue(0);
		assertThat(this.log).containsExactly(
				"Port " + port + " (server.port): the registered shutdown URL http://127.0.0.1:" + other
						+ "/shutdown was not called (pid " + earlier.pid() + " does not listen on port " + other + ")",
				this.log.get(1));
		assertThat(this.log.get(1)).startsWith("Stopped the earlier instance of orders (pid " + earlier.pid()
				+ ") that held port " + port + " (server.port) with SIGTERM");
	}

	@Test
	void shutdownUrlToANonLoopbackAddressIsNotCalled() throws Exception {
		int port = Sockets.freeBlock(1);
		Process earlier = this.holders.jvm("127.0.0.1", port);
		Path directory = this.temporary.resolve("instances");
		InstanceRegistry.at(directory).register(instance(earlier, port, "http://192.0.2.10:" + port + "/shutdown"));
		assertThat(replace(directory, "orders", MAIN, port)).isTrue();
		assertThat(this.log.get(0)).isEqualTo("Port " + port + " (server.port): the registered shutdown URL "
				+ "http://192.0.2.10:" + port + "/shutdown was not called (192.0.2.10 is not a loopback address)");
	}

	@Test
	void applicationsThatLeaveTheirNameUnsetNeverReplaceEachOther() throws Exception {
		int port = Sockets.freeBlock(1);
		Process earlier = this.holders.jvm("127.0.0.1", port);
		Path directory = this.temporary.resolve("instances");
		InstanceRegistry.at(directory).register(rename(instance(earlier, port, null), PreviousInstance.DEFAULT_NAME));
		assertThat(replace(directory, PreviousInstance.DEFAULT_NAME, MAIN, port)).isFalse();
		assertThat(earlier.isAlive()).isTrue();
		assertThat(this.log).containsExactly("Port " + port + " (server.port) is taken, but portguard.replace needs "
				+ "spring.application.name: two applications that both leave it unset would replace each other; "
				+ "nothing was stopped");
	}

	@Test
	void anotherApplicationUnderTheSameNameIsNotStopped() throws Exception {
		int port = Sockets.freeBlock(1);
		Process earlier = this.holders.jvm("127.0.0.1", port);
		Path directory = this.temporary.resolve("instances");
		InstanceRegistry.at(directory).register(instance(earlier, port, null));
		assertThat(replace(directory, "orders", "com.example.BillingApp", port)).isFalse();
		assertThat(earlier.isAlive()).isTrue();
		assertThat(this.log).containsExactly("Port " + port + " (server.port) is held by a process (pid "
				+ earlier.pid() + ") registered as orders but running " + MAIN
				+ ", not com.example.BillingApp; nothing was stopped");
	}

	@Test
	void aPidThatNoLongerNamesTheRegisteredProcessIsNotSignalled() throws Exception {
		int port = Sockets.freeBlock(1);
		Process earlier = this.holders.jvm("127.0.0.1", port);
		Instance registered = instance(earlier, port, null);
		PortHolder holder = PortHolderLocator.forThisMachine().locate(port).holder();
		assertThat(PreviousInstance.changed(earlier.toHandle(), registered, holder)).isNull();
		Instance reused = new Instance("orders", "old", earlier.pid(), registered.processStart().minusSeconds(600),
				ThisMachine.host(), System.getProperty("user.name"), registered.ports(), null, Instant.now(), null,
				MAIN, ThisMachine.pidNamespace());
		assertThat(PreviousInstance.changed(earlier.toHandle(), reused, holder))
			.isEqualTo("it is no longer the process that registered (another start time)");
		Instance otherProgram = new Instance("orders", "old", earlier.pid(), registered.processStart(),
				ThisMachine.host(), System.getProperty("user.name"), registered.ports(), null, Instant.now(), null,
				"com.example.BillingApp", ThisMachine.pidNamespace());
		assertThat(PreviousInstance.changed(earlier.toHandle(), otherProgram, holder))
			.isEqualTo("it no longer runs com.example.BillingApp");
		assertThat(earlier.isAlive()).isTrue();
	}

	@Test
	void aShutdownEndpointThatAnswersByteByByteCannotHoldStartUpPastTheTimeout() throws Exception {
		int port = Sockets.freeBlock(1);
		Path script = Files.writeString(this.temporary.resolve("slow_shutdown.py"), """
				import socket, sys, time
				s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
				s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(8)
				while True:
				    c, _ = s.accept()
				    try:
				        c.recv(4096)
				        for b in b'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\n{}':
				            c.send(bytes([b])); time.sleep(1.5)
				    except OSError:
				        pass
				    c.close()
				""");
		String main = script.toString();
		Process earlier = this.holders.command(List.of("python3", main, String.valueOf(port)), "127.0.0.1", port);
		Path directory = this.temporary.resolve("instances");
		Instance registered = new Instance("orders", "slow", earlier.pid(), earlier.info().startInstant().orElseThrow(),
				ThisMachine.host(), System.getProperty("user.name"), Map.of("server", port), null, Instant.now(),
				"http://127.0.0.1:" + port + "/actuator/shutdown", main, ThisMachine.pidNamespace());
		InstanceRegistry.at(directory).register(registered);
		boolean replaced = assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> PreviousInstance.replace(InstanceRegistry.at(directory), "orders", main, request(port),
						PortHolderLocator.forThisMachine(), Duration.ofSeconds(3), this.log::add));
		assertThat(replaced).isFalse();
		assertThat(this.log).last().asString().isEqualTo("Asked the earlier instance of orders (pid " + earlier.pid()
				+ ") holding port " + port + " (server.port) to stop with SIGTERM, but the port was not free within "
				+ "3000 ms");
	}

	private boolean replace(Path directory, String application, String main, int port) {
		return PreviousInstance.replace(InstanceRegistry.at(directory), application, main, request(port),
				PortHolderLocator.forThisMachine(), Duration.ofSeconds(20), this.log::add);
	}

	private static PortRequest request(int port) {
		return PortRequest.of("server", "server.port", port, Sockets.loopback());
	}

	private static Instance instance(Process process, int port, String shutdownUrl) {
		return new Instance("orders", "earlier-" + process.pid(), process.pid(),
				process.info().startInstant().orElseThrow(), ThisMachine.host(), System.getProperty("user.name"),
				Map.of("server", port), "http://127.0.0.1:" + port, Instant.now(), shutdownUrl, MAIN,
				ThisMachine.pidNamespace());
	}

	private static Instance rename(Instance instance, String application) {
		return new Instance(application, instance.id(), instance.pid(), instance.processStart(), instance.host(),
				instance.user(), instance.ports(), instance.baseUrl(), instance.startedAt(), instance.shutdownUrl(),
				instance.main(), instance.pidNamespace());
	}

	/**
	 * Listen on a loopback port of the test's own and count every connection made to it.
	 */
	private int listen() throws IOException {
		this.listener = new ServerSocket();
		this.listener.bind(new InetSocketAddress(Sockets.loopback(), 0));
		Thread accept = new Thread(() -> {
			while (!this.listener.isClosed()) {
				try (Socket socket = this.listener.accept()) {
					this.requests.incrementAndGet();
				}
				catch (SocketException ex) {
					return;
				}
				catch (IOException ex) {
					// Count the next one.
				}
			}
		});
		accept.setDaemon(true);
		accept.start();
		return this.listener.getLocalPort();
	}

}
