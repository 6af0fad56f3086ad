package dev.portguard.cloud;

import dev.portguard.autoconfigure.PortguardAutoConfiguration;
import dev.portguard.autoconfigure.PortguardProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.CommonsClientAutoConfiguration;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link PortguardDiscoveryClient}, on the same conditions as Spring Cloud's own simple
 * discovery client, and {@code portguard.discovery.enabled}.
 */
@AutoConfiguration(after = PortguardAutoConfiguration.class, before = CommonsClientAutoConfiguration.class)
@ConditionalOnClass(DiscoveryClient.class)
@ConditionalOnDiscoveryEnabled
@ConditionalOnBlockingDiscoveryEnabled
@ConditionalOnBooleanProperty(name = "portguard.discovery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortguardProperties.class)
public final class PortguardDiscoveryClientAutoConfiguration {

	PortguardDiscoveryClientAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	PortguardServiceInstances portguardServiceInstances(PortguardProperties properties) {
		return new PortguardServiceInstances(Registries.of(properties), properties.getDiscovery().getCacheTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	PortguardDiscoveryClient portguardDiscoveryClient(PortguardServiceInstances instances,
			PortguardProperties properties) {
		return new PortguardDiscoveryClient(instances, properties.getDiscovery().getOrder());
	}

}
