package dev.portguard.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import java.net.ServerSocket;

import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.HostListingException;
import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.PortProbe;
import dev.portguard.policy.PortRequest;
import dev.portguard.testsupport.Holders;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LiveView}, with the real locator of this machine.
 */
class LiveViewTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return LiveViewTests.this.now.get();
		}

	};

	@Test
	void aBurstOfRequestsScansTheHostOnce() throws Exception {
		LiveView view = new LiveView(PortHolderLocator.forThisMachine(), Duration.ofSeconds(5), this.clock);
		for (int i = 0; i < 200; i++) {
			view.snapshot(List.of(8080));
		}
		assertThat(view.getLookups()).isOne();
		this.now.set(this.now.get().plusSeconds(6));
		for (int i = 0; i < 200; i++) {
			view.snapshot(List.of(8080));
		}
		// The second look runs in the background; a request waits for it only a little.
		awaitRefresh(view);
		assertThat(view.getLookups()).isEqualTo(2);
	}

	@Test
	void aNewPortIsLookedUpAtOnce() {
		LiveView view = new LiveView(PortHolderLocator.forThisMachine(), Duration.ofSeconds(5), this.clock);
		view.snapshot(List.of(8080));
		assertThat(view.snapshot(List.of(8080, 8081)).holders()).containsOnlyKeys(8080, 8081);
		assertThat(view.getLookups()).isEqualTo(2);
	}

	@Test
	void aListingThatFailsKeepsTheLastSnapshotMarkedStaleNeverAnEmptyHost() throws Exception {
		try (Holders holders = new Holders()) {
			int port = Sockets.freeBlock(1);
			Process python = holders.python("127.0.0.1", port);
			FailingLocator locator = new FailingLocator();
			LiveView view = new LiveView(locator, Duration.ofSeconds(5), this.clock);
			LiveView.Snapshot fresh = view.snapshot(List.of(port));
			assertThat(fresh.state()).isEqualTo(LiveView.State.FRESH);
			assertThat(fresh.holders().get(port).holder().pid()).isEqualTo(python.pid());
			locator.failing = true;
			this.now.set(this.now.get().plusSeconds(6));
			for (int i = 0; i < 3; i++) {
				LiveView.Snapshot stale = view.snapshot(List.of(port));
				assertThat(stale.state()).isEqualTo(LiveView.State.STALE);
				assertThat(stale.at()).isEqualTo(fresh.at());
				assertThat(stale.listening()).isEqualTo(fresh.listening());
				assertThat(stale.holders().get(port).holder().pid()).isEqualTo(python.pid());
				this.now.set(this.now.get().plusSeconds(6));
			}
			assertThat(view.snapshot(List.of(port)).problem()).isIn(FailingLocator.PROBLEM,
					"looking at the host again did not finish in time: this is what it showed before");
			locator.failing = false;
			// The host kept failing, so this request does not wait for the new look: the next one, once it is
			// done, gets it.
			awaitRefresh(view);
			this.now.set(this.now.get().plusSeconds(6));
			view.snapshot(List.of(port));
			awaitRefresh(view);
			LiveView.Snapshot again = view.snapshot(List.of(port));
			assertThat(again.state()).isEqualTo(LiveView.State.FRESH);
			assertThat(again.holders().get(port).holder().pid()).isEqualTo(python.pid());
		}
	}

	@Test
	void aListingThatFailsBeforeAnyAnswerIsUnknown() {
		FailingLocator locator = new FailingLocator();
		locator.failing = true;
		LiveView view = new LiveView(locator, Duration.ofSeconds(5), this.clock);
		LiveView.Snapshot snapshot = view.snapshot(List.of(8080));
		assertThat(snapshot.state()).isEqualTo(LiveView.State.UNKNOWN);
		assertThat(snapshot.problem()).isEqualTo(FailingLocator.PROBLEM);
		assertThat(snapshot.holders().get(8080).status()).isEqualTo(HolderLookup.Status.UNKNOWN);
	}

	@Test
	void aCustomPortBoundThroughManagedPortsIsBoundWhateverTheHostSays() throws Exception {
		int echo = Sockets.freeBlock(1);
		int other = Sockets.freeBlock(1);
		ManagedPorts ports = ManagedPorts.resolve(
				List.of(PortRequest.of("echo", "sample.echo.port", echo, Sockets.loopback()),
						PortRequest.of("other", "sample.other.port", other, Sockets.loopback())),
				PortProbe.bind());
		ports.releaseAll();
		FailingLocator locator = new FailingLocator();
		locator.failing = true;
		PortsReport report = new PortsReport(ports, null, new LiveView(locator, Duration.ofSeconds(5), this.clock));
		try (ServerSocket socket = ports.bind("echo", (port) -> new ServerSocket(port, 50, Sockets.loopback()))) {
			PortsDescriptor descriptor = report.describe(true);
			assertThat(descriptor.host().state()).isEqualTo("unknown");
			assertThat(descriptor.ports().get(0).actual()).isEqualTo(echo);
			assertThat(descriptor.ports().get(0).status()).isEqualTo("preferred");
			assertThat(descriptor.ports().get(1).actual()).isNull();
			assertThat(descriptor.ports().get(1).status()).isEqualTo("unknown");
			Health health = new PortsHealthIndicator(report).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			socket.close();
			assertThat(report.describe(true).ports().get(0).status()).isEqualTo("not-bound");
			assertThat(new PortsHealthIndicator(report).health(true).getStatus()).isEqualTo(Status.DOWN);
		}
	}

	private static void awaitRefresh(LiveView view) throws Exception {
		java.util.concurrent.CompletableFuture<LiveView.Snapshot> refresh = view.pendingRefresh();
		if (refresh != null) {
			refresh.get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	/**
	 * The machine's real locator, made to fail as the bounded locator does when listing the host takes longer than
	 * its limit: a host that slow cannot be made on demand here.
	 */
	static final class FailingLocator implements PortHolderLocator {

		static final String PROBLEM = "listing the host's listening sockets took longer than 2000 ms";

		private final PortHolderLocator real = PortHolderLocator.forThisMachine();

		volatile boolean failing;

		@Override
		public HolderLookup locate(int port) {
			return this.real.locate(port);
		}

		@Override
		public List<PortHolder> listening() {
			if (this.failing) {
				throw new HostListingException(PROBLEM, null);
			}
			return this.real.listening();
		}

	}

}
