package dev.portguard.actuate;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PortsRequestGuard} and its {@link HostCheck}.
 */
class PortsRequestGuardTests {

	private final PortsRequestGuard guard = new PortsRequestGuard("/actuator/ports", true, List.of());

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "localhost:8080", "LocalHost.:8080", "app.localhost:1", "127.0.0.1",
			"127.1.2.3:8080", "[::1]:8080", "[0:0:0:0:0:0:0:1]", "0.0.0.0:8080", "[::]:8080" })
	void requestsAddressedToThisMachineAreAnswered(String host) {
		assertThat(this.guard.refusal(host)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io",
			"8.8.8.8", "[2001:db8::1]:80", "127.0.0.256", "::1", "[::1", "localhost:80:80", "localhost:http",
			"localhost:", "", "user@localhost", "local host" })
	void requestsAddressedElsewhereOrMalformedAreRefused(String host) {
		assertThat(this.guard.refusal(host)).isEqualTo(PortsRequestGuard.REFUSAL);
	}

	@Test
	void withoutAHostHeaderNoBrowserCanBeBehindTheRequest() {
		assertThat(this.guard.refusal(null)).isNull();
	}

	@Test
	void withoutDetailsNoRequestIsRefused() {
		assertThat(new PortsRequestGuard("/actuator/ports", false, List.of()).refusal("evil.example")).isNull();
	}

	@Test
	void allowedHostsAreAnsweredWithOrWithoutPortAndBrackets() {
		PortsRequestGuard allowing = new PortsRequestGuard("/actuator/ports", true,
				List.of("Ports.Example.com", "2001:db8::1", "[2001:db8::2]", "10.0.0.1:8080"));
		assertThat(allowing.refusal("ports.example.com:443")).isNull();
		assertThat(allowing.refusal("[2001:db8::1]:80")).isNull();
		assertThat(allowing.refusal("[2001:db8::2]")).isNull();
		assertThat(allowing.refusal("10.0.0.1")).isNull();
		assertThat(allowing.refusal("other.example.com")).isNotNull();
		assertThat(new PortsRequestGuard("/actuator/ports", true, List.of("*")).refusal("evil.example")).isNull();
	}

	@Test
	void anAllowedHostThatIsNotAHostFailsNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PortsRequestGuard("/actuator/ports", true, List.of("https://example.com/")))
			.withMessage("management.endpoint.ports.allowed-hosts: 'https://example.com/' is not a host name or "
					+ "address");
	}

	@Test
	void appliesToTheEndpointAndBelowItOnly() {
		assertThat(this.guard.appliesTo(PathContainer.parsePath("/actuator/ports"))).isTrue();
		assertThat(this.guard.appliesTo(PathContainer.parsePath("/actuator/ports/server"))).isTrue();
		assertThat(this.guard.appliesTo(PathContainer.parsePath("/actuator/%70orts"))).isTrue();
		assertThat(this.guard.appliesTo(PathContainer.parsePath("/actuator/ports;a=b"))).isTrue();
		assertThat(this.guard.appliesTo(PathContainer.parsePath("/actuator/portsx"))).isFalse();
		assertThat(this.guard.appliesTo(PathContainer.parsePath("/actuator/health"))).isFalse();
		assertThat(new PortsRequestGuard(null, true, List.of()).appliesTo(PathContainer.parsePath("/actuator/ports")))
			.isFalse();
	}

}
