package dev.portguard.policy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PortResolver}, with the ports held by real listeners.
 */
class PortResolverTests {

	private final PortResolver resolver = new PortResolver();

	private final InetAddress loopback = Sockets.loopback();

	@Test
	void resolveWhenPreferredPortIsFreeKeepsIt() {
		int base = Sockets.freeBlock(1);
		Resolution resolution = resolveOne(PortRequest.of("server", "server.port", base, this.loopback));
		assertThat(resolution.status()).isEqualTo(ResolutionStatus.PREFERRED);
		assertThat(resolution.resolved()).isEqualTo(base);
		assertThat(resolution.candidates()).containsExactly(
				new Candidate(base, CandidateSource.PREFERRED, CandidateOutcome.FREE, null));
		assertThat(resolution.isMoved()).isFalse();
		assertThat(resolution.elapsed()).isPositive();
	}

	@Test
	void resolveWhenPreferredPortIsHeldUsesNextPort() throws IOException {
		int base = Sockets.freeBlock(3);
		try (ServerSocket holder = Sockets.listen(this.loopback, base)) {
			Resolution resolution = resolveOne(PortRequest.of("server", "server.port", base, this.loopback));
			assertThat(resolution.status()).isEqualTo(ResolutionStatus.FALLBACK);
			assertThat(resolution.resolved()).isEqualTo(base + 1);
			assertThat(resolution.candidates()).extracting(Candidate::outcome)
				.containsExactly(CandidateOutcome.IN_USE, CandidateOutcome.FREE);
			assertThat(resolution.describeMove())
				.isEqualTo("Port " + base + " is in use, using port " + (base + 1) + " instead (server.port)");
		}
	}

	@Test
	void resolveTriesAlternativesBeforeNextPorts() throws IOException {
		int base = Sockets.freeBlock(2);
		int alternative = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(this.loopback, base)) {
			Resolution resolution = resolveOne(new PortRequest("server", "server.port", base, this.loopback,
					List.of(alternative), 10, null, WhenExhausted.FAIL));
			assertThat(resolution.resolved()).isEqualTo(alternative);
			assertThat(resolution.candidates().get(1).source()).isEqualTo(CandidateSource.ALTERNATIVE);
		}
	}

	@Test
	void resolveScansTheRangeAfterTheNextPorts() throws IOException {
		int base = Sockets.freeBlock(2);
		int rangeStart = Sockets.freeBlock(2);
		try (ServerSocket first = Sockets.listen(this.loopback, base);
				ServerSocket second = Sockets.listen(this.loopback, base + 1);
				ServerSocket third = Sockets.listen(this.loopback, rangeStart)) {
			Resolution resolution = resolveOne(new PortRequest("server", "server.port", base, this.loopback,
					List.of(), 2, new PortRange(rangeStart, rangeStart + 1), WhenExhausted.FAIL));
			assertThat(resolution.resolved()).isEqualTo(rangeStart + 1);
			assertThat(resolution.candidates()).extracting(Candidate::source)
				.containsExactly(CandidateSource.PREFERRED, CandidateSource.NEXT, CandidateSource.RANGE,
						CandidateSource.RANGE);
			assertThat(resolution.describeMove()).endsWith("; also refused: " + (base + 1) + " (in use), "
					+ rangeStart + " (in use)");
		}
	}

	@Test
	void resolveWhenEveryCandidateIsHeldFailsListingEveryPortTried() throws IOException {
		int base = Sockets.freeBlock(2);
		try (ServerSocket first = Sockets.listen(this.loopback, base);
				ServerSocket second = Sockets.listen(this.loopback, base + 1)) {
			PortRequest request = new PortRequest("server", "server.port", base, this.loopback, List.of(), 2, null,
					WhenExhausted.FAIL);
			assertThatExceptionOfType(PortResolutionException.class)
				.isThrownBy(() -> this.resolver.resolve(List.of(request)))
				.satisfies((ex) -> {
					assertThat(ex.getReason()).isEqualTo(PortResolutionException.Reason.NO_FREE_PORT);
					assertThat(ex.getCandidates()).extracting(Candidate::port).containsExactly(base, base + 1);
					assertThat(ex.getCandidates()).extracting(Candidate::outcome)
						.containsOnly(CandidateOutcome.IN_USE);
				});
		}
	}

	@Test
	void resolveWhenExhaustedWithEphemeralTakesAnOperatingSystemPort() throws IOException {
		int base = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(this.loopback, base)) {
			Resolution resolution = resolveOne(new PortRequest("server", "server.port", base, this.loopback,
					List.of(), 1, null, WhenExhausted.EPHEMERAL));
			assertThat(resolution.status()).isEqualTo(ResolutionStatus.EPHEMERAL);
			assertThat(resolution.resolved()).isPositive().isNotEqualTo(base);
			assertThat(resolution.describeMove()).startsWith("Port " + base + " is in use, using ephemeral port ");
		}
	}

	@Test
	void twoManagedPortsNeverResolveToTheSamePort() throws IOException {
		int base = Sockets.freeBlock(4);
		try (ServerSocket holder = Sockets.listen(this.loopback, base)) {
			List<Resolution> resolutions = this.resolver.resolve(
					List.of(PortRequest.of("server", "server.port", base, this.loopback),
							PortRequest.of("management", "management.server.port", base + 1, this.loopback)));
			assertThat(resolutions.get(0).resolved()).isEqualTo(base + 2);
			assertThat(resolutions.get(0).candidates().get(1).outcome()).isEqualTo(CandidateOutcome.CLAIMED);
			assertThat(resolutions.get(0).candidates().get(1).detail())
				.isEqualTo("'management' (management.server.port)");
			assertThat(resolutions.get(1).resolved()).isEqualTo(base + 1);
			assertThat(resolutions.get(1).status()).isEqualTo(ResolutionStatus.PREFERRED);
		}
	}

	@Test
	void aPortMovedOntoAnotherPortsFallbackIsSkippedByTheLaterOne() throws IOException {
		int base = Sockets.freeBlock(5);
		try (ServerSocket first = Sockets.listen(this.loopback, base);
				ServerSocket second = Sockets.listen(this.loopback, base + 2)) {
			List<Resolution> resolutions = this.resolver
				.resolve(List.of(PortRequest.of("server", "server.port", base, this.loopback),
						PortRequest.of("echo", "sample.echo.port", base + 2, this.loopback)));
			assertThat(resolutions.get(0).resolved()).isEqualTo(base + 1);
			assertThat(resolutions.get(1).resolved()).isEqualTo(base + 3);
			assertThat(resolutions.get(1).candidates().get(1))
				.isEqualTo(new Candidate(base + 3, CandidateSource.NEXT, CandidateOutcome.FREE, null));
		}
	}

	@Test
	void twoManagedPortsPinnedToTheSamePortAreRejected() {
		int base = Sockets.freeBlock(1);
		assertThatExceptionOfType(InvalidPortConfigurationException.class)
			.isThrownBy(() -> this.resolver.resolve(List.of(PortRequest.of("server", "server.port", base, null),
					PortRequest.of("echo", "sample.echo.port", base, null))))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sample.echo.port");
				assertThat(ex.getValue()).isEqualTo(String.valueOf(base));
				assertThat(ex.getReason()).contains("also requested by 'server' (server.port)");
			});
	}

	@Test
	void randomAndDisabledPortsAreLeftAsTheyAre() {
		List<Resolution> resolutions = this.resolver.resolve(List.of(PortRequest.of("server", "server.port", 0, null),
				PortRequest.of("management", "management.server.port", -1, null)));
		assertThat(resolutions).extracting(Resolution::status)
			.containsExactly(ResolutionStatus.RANDOM, ResolutionStatus.DISABLED);
		assertThat(resolutions).extracting(Resolution::resolved).containsExactly(0, -1);
	}

	@Test
	void resolveWhenAddressIsNotLocalFailsWithoutTryingOtherPorts() {
		int base = Sockets.freeBlock(1);
		assertThatExceptionOfType(PortResolutionException.class)
			.isThrownBy(() -> resolveOne(PortRequest.of("server", "server.port", base, Sockets.address("192.0.2.1"))))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(PortResolutionException.Reason.ADDRESS_NOT_AVAILABLE);
				assertThat(ex.getCandidates()).hasSize(1);
			});
	}

	private Resolution resolveOne(PortRequest request) {
		return this.resolver.resolve(List.of(request)).get(0);
	}

}
