package dev.portguard.autoconfigure;

import java.time.Clock;

import dev.portguard.actuate.BoundPorts;
import dev.portguard.actuate.LiveView;
import dev.portguard.actuate.PortsEndpoint;
import dev.portguard.actuate.PortsEndpointWebExtension;
import dev.portguard.actuate.PortsHealthIndicator;
import dev.portguard.actuate.PortsMeterBinder;
import dev.portguard.actuate.PortsReport;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.ManagedPorts;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of portguard's actuator side: the {@code ports} endpoint and dashboard, the {@code ports}
 * health contribution and the port metrics. Nothing here loads without Spring Boot Actuator.
 */
@AutoConfiguration(after = PortguardAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@EnableConfigurationProperties(PortsEndpointProperties.class)
public final class PortsEndpointAutoConfiguration {

	PortsEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	LiveView portguardLiveView(PortsEndpointProperties properties) {
		return new LiveView(PortHolderLocator.forThisMachine(), properties.getLiveView().getTimeToLive(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	PortsReport portguardPortsReport(ManagedPorts ports, ObjectProvider<BoundPorts> boundPorts, LiveView liveView) {
		return new PortsReport(ports, boundPorts.getIfAvailable(), liveView);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(PortsEndpoint.class)
	PortsEndpoint portsEndpoint(PortsReport report, PortsEndpointProperties properties) {
		return new PortsEndpoint(report, properties.getShowDetails(), properties.getRoles());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(PortsEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	PortsEndpointWebExtension portsEndpointWebExtension(PortsEndpoint endpoint, PortsReport report,
			PortsEndpointProperties properties) {
		return new PortsEndpointWebExtension(endpoint, report, properties.getDashboard().getRefresh());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("ports")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "portsHealthIndicator")
		PortsHealthIndicator portsHealthIndicator(PortsReport report) {
			return new PortsHealthIndicator(report);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PortsMeterBinder portguardPortsMeterBinder(ManagedPorts ports, PortsReport report) {
			return new PortsMeterBinder(ports, report);
		}

	}

}
