package dev.portguard.autoconfigure;

import java.util.List;

import dev.portguard.actuate.BoundPorts;
import dev.portguard.policy.ManagedPorts;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;
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

	@Bean
	@ConditionalOnBooleanProperty(name = "portguard.registry.enabled", matchIfMissing = true)
	InstanceRegistration portguardInstanceRegistration(PortguardProperties properties, ManagedPorts ports,
			ObjectProvider<BoundPorts> boundPorts, Environment environment) {
		return new InstanceRegistration(InstanceRegistration.registry(properties.getRegistry().getDirectory()), ports,
				boundPorts.getIfAvailable(), environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebServerInitializedEvent.class)
	static class WebServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BoundPorts portguardBoundPorts() {
			return new BoundPorts();
		}

		@Bean
		@ConditionalOnProperty("portguard.registry.port-file")
		WebServerPortFileWriter portguardPortFileWriter(PortguardProperties properties) {
			return new WebServerPortFileWriter(properties.getRegistry().getPortFile());
		}

	}

}
