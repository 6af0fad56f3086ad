package dev.portguard.cloud;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortguardEurekaAutoConfiguration}.
 */
class PortguardEurekaAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortguardEurekaAutoConfiguration.class));

	@Test
	void publisherFollowsEurekasInstanceConfiguration() {
		this.runner.withUserConfiguration(EurekaInstanceConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(EurekaPortPublisher.class));
	}

	@Test
	void noPublisherWithoutAEurekaInstance() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(EurekaPortPublisher.class));
	}

	@Test
	void noPublisherWithoutTheEurekaClient() {
		this.runner.withUserConfiguration(EurekaInstanceConfiguration.class)
			.withClassLoader(new FilteredClassLoader("com.netflix.appinfo"))
			.run((context) -> assertThat(context).doesNotHaveBean(EurekaPortPublisher.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class EurekaInstanceConfiguration {

		@Bean
		EurekaInstanceConfigBean eurekaInstanceConfigBean() {
			return new EurekaInstanceConfigBean(new InetUtils(new InetUtilsProperties()));
		}

	}

}
