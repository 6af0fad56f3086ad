package dev.portguard.autoconfigure;

import java.util.List;

import dev.portguard.actuate.BoundPorts;
import dev.portguard.policy.ManagedPorts;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of portguard: exposes the {@link ManagedPorts} of this start-up and the bound
 * {@link PortguardProperties}.
 */
@AutoConfiguration
@EnableConfigurationProperties(PortguardProperties.class)
public final class PortguardAutoConfiguration {

	PortguardAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ManagedPorts portguardManagedPorts(Environment environment) {
		ManagedPorts ports = PortguardPropertySource.findPorts(environment);
		return (ports != null) ? ports
				: ManagedPorts.fixed(List.of(), false, "", "portguard's environment post-processor did not run");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebServerInitializedEvent.class)
	static class WebServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BoundPorts portguardBoundPorts() {
			return new BoundPorts();
		}

	}

}
