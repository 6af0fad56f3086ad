package dev.portguard.cloud;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EurekaPortPublisher}.
 */
class EurekaPortPublisherTests {

	@Test
	void urlOnTheOldPortMovesToTheBoundPort() {
		assertThat(EurekaPortPublisher.withPort("http://127.0.0.1:9090/actuator/health", 9090, 9091))
			.isEqualTo("http://127.0.0.1:9091/actuator/health");
	}

	@Test
	void urlOnAnotherPortIsKept() {
		assertThat(EurekaPortPublisher.withPort("http://health.example:80/up", 9090, 9091))
			.isEqualTo("http://health.example:80/up");
		assertThat(EurekaPortPublisher.withPort(null, 9090, 9091)).isNull();
	}

}
