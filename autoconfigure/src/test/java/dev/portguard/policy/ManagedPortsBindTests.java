package dev.portguard.policy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ManagedPorts#bind(String, PortBinder)}: the owner of a port of its own binds it through portguard
 * while real sockets take the chosen port in the meantime.
 */
class ManagedPortsBindTests {

	private final InetAddress loopback = Sockets.loopback();

	private final List<ServerSocket> sockets = new ArrayList<>();

	private final List<ManagedPorts> managed = new ArrayList<>();

	@AfterEach
	void close() throws IOException {
		for (ServerSocket socket : this.sockets) {
			socket.close();
		}
		for (ManagedPorts ports : this.managed) {
			ports.releaseAll();
		}
	}

	@Test
	void bindReleasesTheReservationRightBeforeBinding() throws IOException {
		int port = Sockets.freeBlock(2);
		ManagedPorts ports = resolve(PortRequest.of("echo", "sample.echo.port", port, this.loopback));
		assertThat(ports.isReserved("echo")).isTrue();
		ServerSocket socket = ports.bind("echo", this::listen);
		assertThat(socket.getLocalPort()).isEqualTo(port);
		assertThat(ports.isReserved("echo")).isFalse();
	}

	@Test
	void bindWhenTheChosenPortWasTakenMovesToTheNextCandidateAndSaysSo() throws IOException {
		int port = Sockets.freeBlock(3);
		ManagedPorts ports = resolve(PortRequest.of("echo", "sample.echo.port", port, this.loopback));
		List<String> moves = new ArrayList<>();
		ports.onMove((taken, next) -> moves.add(taken + " -> " + next.resolved()));
		ports.release("echo");
		this.sockets.add(Sockets.listen(this.loopback, port));
		ServerSocket socket = ports.bind("echo", this::listen);
		assertThat(socket.getLocalPort()).isEqualTo(port + 1);
		assertThat(moves).containsExactly(port + " -> " + (port + 1));
		Resolution record = ports.find("echo").orElseThrow();
		assertThat(record.resolved()).isEqualTo(port + 1);
		assertThat(record.status()).isEqualTo(ResolutionStatus.FALLBACK);
		assertThat(record.candidates().get(0).outcome()).isEqualTo(CandidateOutcome.IN_USE);
		assertThat(record.candidates().get(0).detail()).startsWith("taken after it was chosen, before the bind: ");
	}

	@Test
	void bindWhenEveryCandidateIsTakenFailsWithTheCandidatesTried() throws IOException {
		int port = Sockets.freeBlock(2);
		ManagedPorts ports = resolve(new PortRequest("echo", "sample.echo.port", port, this.loopback, List.of(), 2,
				null, WhenExhausted.FAIL));
		ports.release("echo");
		this.sockets.add(Sockets.listen(this.loopback, port));
		this.sockets.add(Sockets.listen(this.loopback, port + 1));
		assertThatExceptionOfType(PortResolutionException.class).isThrownBy(() -> ports.bind("echo", this::listen))
			.satisfies((ex) -> assertThat(ex.getCandidates()).extracting(Candidate::port)
				.containsExactly(port, port + 1));
	}

	@Test
	void bindOfAPortLeftAsConfiguredFailsAsItIs() throws IOException {
		int port = Sockets.freeBlock(2);
		ManagedPorts ports = ManagedPorts.fixed(List.of(PortRequest.of("echo", "sample.echo.port", port,
				this.loopback)), false, "portguard.auto is off: ports are left as configured", null);
		this.sockets.add(Sockets.listen(this.loopback, port));
		List<String> moves = new ArrayList<>();
		ports.onMove((taken, next) -> moves.add(taken + " -> " + next.resolved()));
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> ports.bind("echo", this::listen));
		assertThat(moves).isEmpty();
		assertThat(ports.find("echo").orElseThrow().resolved()).isEqualTo(port);
	}

	@Test
	void bindOfAnUnknownNameIsRejected() {
		ManagedPorts ports = resolve(PortRequest.of("echo", "sample.echo.port", Sockets.freeBlock(1), this.loopback));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ports.bind("admin", this::listen))
			.withMessage("'admin' is not a managed port");
	}

	private ManagedPorts resolve(PortRequest request) {
		ManagedPorts ports = ManagedPorts.resolve(List.of(request), PortProbe.bind());
		this.managed.add(ports);
		return ports;
	}

	private ServerSocket listen(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		try {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(this.loopback, port));
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		this.sockets.add(socket);
		return socket;
	}

}
