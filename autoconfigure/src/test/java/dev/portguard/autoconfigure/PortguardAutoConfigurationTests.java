package dev.portguard.autoconfigure;

import java.util.List;

import dev.portguard.policy.ManagedPorts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortguardAutoConfiguration}.
 */
class PortguardAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortguardAutoConfiguration.class));

	@Test
	void withoutThePostProcessorTheReportSaysSo() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ManagedPorts.class).hasSingleBean(PortguardProperties.class);
			assertThat(context.getBean(ManagedPorts.class).report().note())
				.isEqualTo("portguard's environment post-processor did not run");
		});
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner.withPropertyValues("portguard.auto=true", "portguard.range=10000-10100")
			.run((context) -> {
				PortguardProperties properties = context.getBean(PortguardProperties.class);
				assertThat(properties.isAuto()).isTrue();
				assertThat(properties.getRange()).isEqualTo("10000-10100");
				assertThat(properties.getMaxAttempts()).isEqualTo(10);
			});
	}

	@Test
	void userReportBacksTheDefaultOff() {
		this.contextRunner.withUserConfiguration(UserReportConfiguration.class)
			.run((context) -> assertThat(context.getBean(ManagedPorts.class).report().note()).isEqualTo("mine"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserReportConfiguration {

		@Bean
		ManagedPorts myPorts() {
			return ManagedPorts.fixed(List.of(), true, "", "mine");
		}

	}

}
