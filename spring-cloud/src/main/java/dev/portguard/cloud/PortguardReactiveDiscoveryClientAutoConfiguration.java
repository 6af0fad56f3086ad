package dev.portguard.cloud;

import dev.portguard.autoconfigure.PortguardAutoConfiguration;
import dev.portguard.autoconfigure.PortguardProperties;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link PortguardReactiveDiscoveryClient}, on the same conditions as Spring Cloud's own
 * simple reactive discovery client, and {@code portguard.discovery.enabled}. It shares the registry cache of the
 * blocking client when both are on.
 */
@AutoConfiguration(after = { PortguardAutoConfiguration.class, PortguardDiscoveryClientAutoConfiguration.class },
		before = ReactiveCommonsClientAutoConfiguration.class)
@ConditionalOnClass({ ReactiveDiscoveryClient.class, Flux.class })
@ConditionalOnDiscoveryEnabled
@ConditionalOnReactiveDiscoveryEnabled
@ConditionalOnBooleanProperty(name = "portguard.discovery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortguardProperties.class)
public final class PortguardReactiveDiscoveryClientAutoConfiguration {

	PortguardReactiveDiscoveryClientAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	PortguardServiceInstances portguardServiceInstances(PortguardProperties properties) {
		return new PortguardServiceInstances(Registries.of(properties), properties.getDiscovery().getCacheTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	PortguardReactiveDiscoveryClient portguardReactiveDiscoveryClient(PortguardServiceInstances instances,
			PortguardProperties properties) {
		return new PortguardReactiveDiscoveryClient(instances, properties.getDiscovery().getOrder());
	}

}
