package dev.portguard.autoconfigure;

import dev.portguard.actuate.LiveView;
import dev.portguard.actuate.PortsEndpoint;
import dev.portguard.actuate.PortsEndpointWebExtension;
import dev.portguard.actuate.PortsHealthIndicator;
import dev.portguard.actuate.PortsMeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortsEndpointAutoConfiguration}.
 */
class PortsEndpointAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(PortguardAutoConfiguration.class, PortsEndpointAutoConfiguration.class));

	@Test
	void endpointAndWebExtensionWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=ports")
			.run((context) -> assertThat(context).hasSingleBean(PortsEndpoint.class)
				.hasSingleBean(PortsEndpointWebExtension.class));
	}

	@Test
	void noEndpointWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PortsEndpoint.class)
			.doesNotHaveBean(PortsEndpointWebExtension.class));
	}

	@Test
	void healthIndicatorByDefaultAndNotWhenDisabled() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(PortsHealthIndicator.class));
		this.contextRunner.withPropertyValues("management.health.ports.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortsHealthIndicator.class));
	}

	@Test
	void nothingWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=ports")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LiveView.class)
				.doesNotHaveBean(PortsHealthIndicator.class));
	}

	@Test
	void meterBinderRegistersTheFallbackCounter() {
		this.contextRunner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(PortsMeterBinder.class).bindTo(registry);
			assertThat(registry.get("portguard.fallbacks").counter().count()).isZero();
		});
	}

	@Test
	void allowedHostsBindAsAList() {
		this.contextRunner.withPropertyValues("management.endpoint.ports.allowed-hosts=ports.example.com, 10.0.0.1")
			.run((context) -> assertThat(context.getBean(PortsEndpointProperties.class).getAllowedHosts())
				.containsExactly("ports.example.com", "10.0.0.1"));
	}

	@Test
	void liveViewTimeToLiveIsConfigurable() {
		this.contextRunner.withPropertyValues("management.endpoint.ports.live-view.time-to-live=30s")
			.run((context) -> assertThat(context.getBean(PortsEndpointProperties.class).getLiveView().getTimeToLive())
				.hasSeconds(30));
	}

}
