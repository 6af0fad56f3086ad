package dev.portguard.policy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortPolicy}.
 */
class PortPolicyTests {

	@Test
	void candidatesArePreferredThenAlternativesThenNextPortsThenRange() {
		PortRequest request = new PortRequest("server", "server.port", 8765, null, List.of(9000, 9001), 3,
				new PortRange(10000, 10002), WhenExhausted.FAIL);
		assertThat(steps(request)).containsExactly(step(8765, CandidateSource.PREFERRED),
				step(9000, CandidateSource.ALTERNATIVE), step(9001, CandidateSource.ALTERNATIVE),
				step(8766, CandidateSource.NEXT), step(8767, CandidateSource.NEXT), step(10000, CandidateSource.RANGE),
				step(10001, CandidateSource.RANGE), step(10002, CandidateSource.RANGE));
	}

	@Test
	void defaultMaxAttemptsTriesTheTenPortsFromThePreferredOne() {
		PortRequest request = PortRequest.of("server", "server.port", 8765, null);
		assertThat(steps(request)).extracting(PortPolicy.Step::port)
			.containsExactly(8765, 8766, 8767, 8768, 8769, 8770, 8771, 8772, 8773, 8774);
	}

	@Test
	void eachPortIsOfferedOnce() {
		PortRequest request = new PortRequest("server", "server.port", 8080, null, List.of(8081, 8080, 8081), 3,
				new PortRange(8081, 8083), WhenExhausted.FAIL);
		assertThat(steps(request)).extracting(PortPolicy.Step::port).containsExactly(8080, 8081, 8082, 8083);
		assertThat(steps(request).get(1).source()).isEqualTo(CandidateSource.ALTERNATIVE);
	}

	@Test
	void nextPortsStopAtTheHighestPort() {
		PortRequest request = new PortRequest("server", "server.port", 65534, null, List.of(), 10, null,
				WhenExhausted.FAIL);
		assertThat(steps(request)).extracting(PortPolicy.Step::port).containsExactly(65534, 65535);
	}

	@Test
	void stickyPortComesFirst() {
		PortRequest request = PortRequest.of("server", "server.port", 8080, null).withSticky(8085);
		assertThat(steps(request)).extracting(PortPolicy.Step::port).startsWith(8085, 8080, 8081).doesNotHaveDuplicates();
		assertThat(steps(request).get(0).source()).isEqualTo(CandidateSource.STICKY);
		assertThat(steps(request).get(1).source()).isEqualTo(CandidateSource.PREFERRED);
	}

	@Test
	void randomAndDisabledPortsHaveNoCandidates() {
		assertThat(steps(PortRequest.of("server", "server.port", 0, null))).isEmpty();
		assertThat(steps(PortRequest.of("server", "server.port", -1, null))).isEmpty();
	}

	private static List<PortPolicy.Step> steps(PortRequest request) {
		List<PortPolicy.Step> steps = new ArrayList<>();
		new PortPolicy(request).forEach(steps::add);
		return steps;
	}

	private static PortPolicy.Step step(int port, CandidateSource source) {
		return new PortPolicy.Step(port, source);
	}

}
