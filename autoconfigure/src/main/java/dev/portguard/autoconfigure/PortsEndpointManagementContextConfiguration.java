package dev.portguard.autoconfigure;

import dev.portguard.actuate.PortsEndpoint;
import dev.portguard.actuate.PortsRequestGuard;
import dev.portguard.actuate.PortsServletFilter;
import dev.portguard.actuate.PortsWebFilter;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code ports} endpoint's request guard (security headers, {@code Host} check) as a servlet filter or a web
 * filter, in whichever context serves the actuator endpoints: the application's own, or the management server's
 * child context when {@code management.server.port} differs.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnAvailableEndpoint(endpoint = PortsEndpoint.class, exposure = EndpointExposure.WEB)
final class PortsEndpointManagementContextConfiguration {

	PortsEndpointManagementContextConfiguration() {
	}

	static PortsRequestGuard guard(PathMappedEndpoints endpoints, PortsEndpointProperties properties) {
		// Show-details "when-authorized" counts as showing them: the filter runs before the caller is known.
		return new PortsRequestGuard(endpoints.getPath(EndpointId.of("ports")),
				properties.getShowDetails() != Show.NEVER, properties.getAllowedHosts());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "jakarta.servlet.Filter")
	static class Servlet {

		@Bean
		@ConditionalOnMissingBean
		PortsServletFilter portguardPortsServletFilter(PathMappedEndpoints endpoints,
				PortsEndpointProperties properties) {
			return new PortsServletFilter(guard(endpoints, properties));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
	static class Reactive {

		@Bean
		@ConditionalOnMissingBean
		PortsWebFilter portguardPortsWebFilter(PathMappedEndpoints endpoints, PortsEndpointProperties properties) {
			return new PortsWebFilter(guard(endpoints, properties));
		}

	}

}
