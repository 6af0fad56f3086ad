package dev.portguard.autoconfigure;

import java.util.List;

import dev.portguard.policy.ResolutionReport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of portguard: exposes the {@link ResolutionReport} of this start-up and the bound
 * {@link PortguardProperties}.
 */
@AutoConfiguration
@EnableConfigurationProperties(PortguardProperties.class)
public final class PortguardAutoConfiguration {

	PortguardAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ResolutionReport portguardResolutionReport(Environment environment) {
		ResolutionReport report = PortguardPropertySource.findReport(environment);
		return (report != null) ? report
				: new ResolutionReport(false, List.of(), "portguard's environment post-processor did not run");
	}

}
