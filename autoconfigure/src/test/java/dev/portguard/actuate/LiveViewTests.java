package dev.portguard.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.portguard.holder.PortHolderLocator;
import org.junit.jupiter.api.Test;

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
	void aBurstOfRequestsScansTheHostOnce() {
		LiveView view = new LiveView(PortHolderLocator.forThisMachine(), Duration.ofSeconds(5), this.clock);
		for (int i = 0; i < 200; i++) {
			view.snapshot(List.of(8080));
		}
		assertThat(view.getLookups()).isOne();
		this.now.set(this.now.get().plusSeconds(6));
		view.snapshot(List.of(8080));
		assertThat(view.getLookups()).isEqualTo(2);
	}

	@Test
	void aNewPortIsLookedUpAtOnce() {
		LiveView view = new LiveView(PortHolderLocator.forThisMachine(), Duration.ofSeconds(5), this.clock);
		view.snapshot(List.of(8080));
		assertThat(view.snapshot(List.of(8080, 8081)).holders()).containsOnlyKeys(8080, 8081);
		assertThat(view.getLookups()).isEqualTo(2);
	}

}
