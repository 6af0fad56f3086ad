package dev.portguard.policy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the reservations and bind-time retry of {@link PortResolver}: two resolvers stand for two instances of
 * one application started at the same moment.
 */
class PortResolverReservationTests {

	private final InetAddress loopback = Sockets.loopback();

	private final PortResolver first = new PortResolver(PortProbe.bind(), true);

	private final PortResolver second = new PortResolver(PortProbe.bind(), true);

	@AfterEach
	void release() {
		this.first.releaseAll();
		this.second.releaseAll();
	}

	@Test
	void twoInstancesResolvingTheSamePortAtOnceGetDistinctPorts() {
		int port = Sockets.freeBlock(3);
		Resolution one = this.first.resolve(List.of(PortRequest.of("server", "server.port", port, this.loopback)))
			.get(0);
		Resolution two = this.second.resolve(List.of(PortRequest.of("server", "server.port", port, this.loopback)))
			.get(0);
		assertThat(one.resolved()).isEqualTo(port);
		assertThat(two.resolved()).isEqualTo(port + 1);
		assertThat(two.describeMove()).isEqualTo("Port " + port + " is in use, using port " + (port + 1)
				+ " instead (server.port)");
		assertThat(this.first.reservation("server")).isNotNull();
	}

	@Test
	void releaseFreesTheChosenPortForItsOwner() throws IOException {
		int port = Sockets.freeBlock(1);
		this.first.resolve(List.of(PortRequest.of("server", "server.port", port, this.loopback)));
		this.first.release("server");
		assertThat(this.first.reservation("server")).isNull();
		try (ServerSocket server = Sockets.listen(this.loopback, port)) {
			assertThat(server.isBound()).isTrue();
		}
	}

	@Test
	void rebindAfterTheChosenPortWasTakenMovesToTheNextCandidate() throws IOException {
		int port = Sockets.freeBlock(3);
		Resolution chosen = this.first
			.resolve(List.of(PortRequest.of("server", "server.port", port, this.loopback),
					PortRequest.of("echo", "sample.echo.port", port + 1, this.loopback)))
			.get(0);
		this.first.release("server");
		try (ServerSocket squatter = Sockets.listen(this.loopback, port)) {
			Resolution next = this.first.rebind(chosen, "Address already in use");
			assertThat(next.resolved()).isEqualTo(port + 2);
			assertThat(next.status()).isEqualTo(ResolutionStatus.FALLBACK);
			assertThat(next.candidates()).extracting(Candidate::port).containsExactly(port, port + 1, port + 2);
			assertThat(next.candidates().get(0).outcome()).isEqualTo(CandidateOutcome.IN_USE);
			assertThat(next.candidates().get(0).detail())
				.isEqualTo("taken after it was chosen, before the bind: Address already in use");
			assertThat(next.candidates().get(1).outcome()).isEqualTo(CandidateOutcome.CLAIMED);
			assertThat(next.describeRebind(port)).isEqualTo("Port " + port + " was taken after portguard chose it "
					+ "and before it was bound, using port " + (port + 2) + " instead (server.port)");
			assertThat(this.first.reservation("server").port()).isEqualTo(port + 2);
		}
	}

	@Test
	void rebindWithNoCandidateLeftFails() throws IOException {
		int port = Sockets.freeBlock(1);
		PortRequest request = new PortRequest("server", "server.port", port, this.loopback, List.of(), 1, null,
				WhenExhausted.FAIL);
		Resolution chosen = this.first.resolve(List.of(request)).get(0);
		this.first.release("server");
		try (ServerSocket squatter = Sockets.listen(this.loopback, port)) {
			assertThatExceptionOfType(PortResolutionException.class)
				.isThrownBy(() -> this.first.rebind(chosen, "Address already in use"))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(PortResolutionException.Reason.NO_FREE_PORT));
		}
	}

	@Test
	void failedResolutionReleasesThePortsAlreadyHeld() throws IOException {
		int port = Sockets.freeBlock(1);
		int echo = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(null, echo)) {
			PortRequest exhausted = new PortRequest("echo", "sample.echo.port", echo, this.loopback, List.of(), 1,
					null, WhenExhausted.FAIL);
			assertThatExceptionOfType(PortResolutionException.class).isThrownBy(() -> this.first
				.resolve(List.of(PortRequest.of("server", "server.port", port, this.loopback), exhausted)));
		}
		assertThat(this.first.reservation("server")).isNull();
		assertThat(PortProbe.bind().probe(this.loopback, port).outcome()).isEqualTo(CandidateOutcome.FREE);
	}

}
