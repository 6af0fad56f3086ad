package dev.portguard.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

import dev.portguard.policy.PortProbe;
import dev.portguard.policy.ProbeResult;
import dev.portguard.policy.Reservation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ResolutionBackgroundPreinitializer}, with real sockets.
 */
class ResolutionBackgroundPreinitializerTests {

	@Test
	void runResolvesAThrowawayPortOnLoopbackAndLeavesItFree() throws IOException {
		RecordingProbe probe = new RecordingProbe();
		new ResolutionBackgroundPreinitializer(probe).run();
		assertThat(probe.ephemeral).hasSize(1);
		assertThat(probe.probed).containsExactlyElementsOf(probe.ephemeral);
		assertThat(probe.reservations).hasSize(1).allSatisfy((reservation) -> {
			assertThat(reservation.address()).isEqualTo(InetAddress.getLoopbackAddress());
			assertThat(reservation.isHeld()).isFalse();
		});
		try (ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.probed.get(0)));
			assertThat(server.socket().isBound()).isTrue();
		}
	}

	@Test
	void runKeepsQuietWhenTheWarmUpFails() {
		PortProbe failing = new PortProbe() {

			@Override
			public ProbeResult probe(@Nullable InetAddress address, int port) {
				throw new IllegalStateException("probe failed");
			}

			@Override
			public int ephemeralPort(@Nullable InetAddress address) {
				return PortProbe.bind().ephemeralPort(address);
			}

		};
		assertThatNoException().isThrownBy(new ResolutionBackgroundPreinitializer(failing)::run);
	}

	@Test
	void isDisabledByBootsBackgroundPreinitializerSwitch() {
		boolean before = ResolutionBackgroundPreinitializer.isEnabled();
		System.setProperty(ResolutionBackgroundPreinitializer.IGNORE_PROPERTY, "true");
		try {
			assertThat(ResolutionBackgroundPreinitializer.isEnabled()).isFalse();
		}
		finally {
			System.clearProperty(ResolutionBackgroundPreinitializer.IGNORE_PROPERTY);
		}
		assertThat(ResolutionBackgroundPreinitializer.isEnabled()).isEqualTo(before)
			.isEqualTo(Runtime.getRuntime().availableProcessors() > 1);
	}

	private static final class RecordingProbe implements PortProbe {

		private final List<Integer> ephemeral = new ArrayList<>();

		private final List<Integer> probed = new ArrayList<>();

		private final List<Reservation> reservations = new ArrayList<>();

		@Override
		public ProbeResult probe(@Nullable InetAddress address, int port) {
			this.probed.add(port);
			return PortProbe.bind().probe(address, port);
		}

		@Override
		public int ephemeralPort(@Nullable InetAddress address) {
			int port = PortProbe.bind().ephemeralPort(address);
			this.ephemeral.add(port);
			return port;
		}

		@Override
		public @Nullable Reservation reserve(@Nullable InetAddress address, int port) {
			Reservation reservation = PortProbe.bind().reserve(address, port);
			if (reservation != null) {
				this.reservations.add(reservation);
			}
			return reservation;
		}

	}

}
