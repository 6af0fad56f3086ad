package dev.portguard.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Reservation}, against the kernel's real bind rules.
 */
class ReservationTests {

	private final PortProbe probe = PortProbe.bind();

	@Test
	void heldPortIsInUseForEveryProbeAndServerBind() throws IOException {
		int port = Sockets.freeBlock(1);
		Reservation reservation = this.probe.reserve(Sockets.loopback(), port);
		assertThat(reservation).isNotNull();
		try {
			assertThat(reservation.isHeld()).isTrue();
			assertThat(this.probe.probe(Sockets.loopback(), port).outcome()).isEqualTo(CandidateOutcome.IN_USE);
			assertThat(this.probe.probe(null, port).outcome()).isEqualTo(CandidateOutcome.IN_USE);
			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> Sockets.listen(Sockets.loopback(), port).close())
				.havingCause()
				.withMessageContaining("in use");
		}
		finally {
			reservation.release();
		}
	}

	@Test
	void heldPortAcceptsNoConnection() {
		int port = Sockets.freeBlock(1);
		Reservation reservation = this.probe.reserve(Sockets.loopback(), port);
		assertThat(reservation).isNotNull();
		try (Socket client = new Socket()) {
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> client.connect(new InetSocketAddress(Sockets.loopback(), port), 2000));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			reservation.release();
		}
	}

	@Test
	void wildcardReservationBlocksLoopbackBinds() {
		int port = Sockets.freeBlock(1);
		Reservation reservation = this.probe.reserve(null, port);
		assertThat(reservation).isNotNull();
		try {
			assertThat(this.probe.probe(Sockets.loopback(), port).outcome()).isEqualTo(CandidateOutcome.IN_USE);
			assertThat(this.probe.probe(Sockets.address("::1"), port).outcome()).isEqualTo(CandidateOutcome.IN_USE);
		}
		finally {
			reservation.release();
		}
	}

	@Test
	void releasedPortCanBeBoundAtOnceAndReleasingTwiceIsHarmless() throws IOException {
		int port = Sockets.freeBlock(1);
		Reservation reservation = this.probe.reserve(Sockets.loopback(), port);
		assertThat(reservation).isNotNull();
		reservation.release();
		reservation.release();
		assertThat(reservation.isHeld()).isFalse();
		try (ServerSocket server = Sockets.listen(Sockets.loopback(), port)) {
			assertThat(server.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void portHeldByAListenerCannotBeReserved() throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			assertThat(this.probe.reserve(Sockets.loopback(), port)).isNull();
		}
	}

	@Test
	void aPortWithAConnectionInTimeWaitIsHeldByAListeningReservation() throws IOException {
		int port = Sockets.freeBlock(1);
		Sockets.leaveInTimeWait(port);
		assertThat(Reservation.hold(Sockets.loopback(), port)).as("a plain bound socket cannot hold it").isNull();
		assertThat(this.probe.probe(Sockets.loopback(), port).outcome()).isEqualTo(CandidateOutcome.FREE);
		Reservation reservation = this.probe.reserve(Sockets.loopback(), port);
		assertThat(reservation).isNotNull();
		try {
			assertThat(reservation.isListening()).isTrue();
			assertThat(this.probe.probe(Sockets.loopback(), port).outcome()).isEqualTo(CandidateOutcome.IN_USE);
			assertThat(this.probe.reserve(Sockets.loopback(), port)).as("a second instance cannot hold it").isNull();
		}
		finally {
			reservation.release();
		}
		Sockets.listen(Sockets.loopback(), port).close();
	}

	@Test
	void threeResolversPreferringAPortInTimeWaitChooseThreeHeldPorts() {
		int port = Sockets.freeBlock(4);
		Sockets.leaveInTimeWait(port);
		java.util.Set<Integer> chosen = new java.util.HashSet<>();
		java.util.List<PortResolver> resolvers = new java.util.ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				PortResolver resolver = new PortResolver(this.probe, true);
				resolvers.add(resolver);
				Resolution resolution = resolver
					.resolve(java.util.List.of(PortRequest.of("server", "server.port", port, Sockets.loopback())))
					.get(0);
				assertThat(resolver.reservation("server")).as("the port chosen is held").isNotNull();
				assertThat(resolver.reservation("server").isHeld()).isTrue();
				chosen.add(resolution.resolved());
			}
			assertThat(chosen).containsExactlyInAnyOrder(port, port + 1, port + 2);
		}
		finally {
			resolvers.forEach(PortResolver::releaseAll);
		}
	}

}
