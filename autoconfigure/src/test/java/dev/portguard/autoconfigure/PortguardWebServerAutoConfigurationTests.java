package dev.portguard.autoconfigure;

import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortguardTomcatAutoConfiguration}, {@link PortguardJettyAutoConfiguration} and
 * {@link PortguardNettyAutoConfiguration}.
 */
class PortguardWebServerAutoConfigurationTests {

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortguardTomcatAutoConfiguration.class));

	private final WebApplicationContextRunner jettyRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(PortguardTomcatAutoConfiguration.class, PortguardJettyAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortguardNettyAutoConfiguration.class))
		.withBean(org.springframework.http.client.ReactorResourceFactory.class);

	@Test
	void tomcatFactoryIsProvidedWhenAutoIsOn() {
		this.servletRunner.withPropertyValues("portguard.auto=true")
			.run((context) -> assertThat(context).hasSingleBean(PortguardTomcatServletWebServerFactory.class));
	}

	@Test
	void tomcatFactoryIsNotProvidedWhenAutoIsOff() {
		this.servletRunner.run((context) -> assertThat(context).doesNotHaveBean(ServletWebServerFactory.class));
	}

	@Test
	void tomcatFactoryIsNotProvidedWhenRetryIsDisabled() {
		this.servletRunner.withPropertyValues("portguard.auto=true", "portguard.retry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServletWebServerFactory.class));
	}

	@Test
	void tomcatFactoryBacksOffForAUserFactory() {
		this.servletRunner.withPropertyValues("portguard.auto=true")
			.withUserConfiguration(UserFactoryConfiguration.class)
			.run((context) -> assertThat(context.getBean(ServletWebServerFactory.class).getClass())
				.isEqualTo(TomcatServletWebServerFactory.class));
	}

	@Test
	void tomcatFactoryIsNotProvidedWithoutTomcat() {
		this.servletRunner.withPropertyValues("portguard.auto=true")
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServletWebServerFactory.class));
	}

	@Test
	void jettyFactoryIsProvidedWhenAutoIsOnAndTomcatIsAbsent() {
		this.jettyRunner.withPropertyValues("portguard.auto=true")
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> assertThat(context).hasSingleBean(PortguardJettyServletWebServerFactory.class));
	}

	@Test
	void tomcatFactoryIsPreferredWhenBothServersArePresent() {
		this.jettyRunner.withPropertyValues("portguard.auto=true")
			.run((context) -> assertThat(context.getBean(ServletWebServerFactory.class))
				.isInstanceOf(PortguardTomcatServletWebServerFactory.class));
	}

	@Test
	void jettyFactoryIsNotProvidedWhenRetryIsDisabled() {
		this.jettyRunner.withPropertyValues("portguard.auto=true", "portguard.retry.enabled=false")
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServletWebServerFactory.class));
	}

	@Test
	void jettyFactoryIsNotProvidedWithoutJetty() {
		this.jettyRunner.withPropertyValues("portguard.auto=true")
			.withClassLoader(new FilteredClassLoader(Tomcat.class, org.eclipse.jetty.server.Server.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServletWebServerFactory.class));
	}

	@Test
	void nettyFactoryIsProvidedWhenAutoIsOn() {
		this.reactiveRunner.withPropertyValues("portguard.auto=true")
			.run((context) -> assertThat(context).hasSingleBean(PortguardNettyReactiveWebServerFactory.class));
	}

	@Test
	void nettyFactoryIsNotProvidedWithoutReactorNetty() {
		this.reactiveRunner.withPropertyValues("portguard.auto=true")
			.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PortguardNettyReactiveWebServerFactory.class));
	}

	@Test
	void releasePhasesComeRightBeforeBootsWebServerPhases() {
		assertThat(ReservationsInitializer.SERVER_RELEASE_PHASE).isEqualTo(
				org.springframework.boot.web.server.context.WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1);
		assertThat(ReservationsInitializer.MANAGEMENT_RELEASE_PHASE).isEqualTo(
				org.springframework.boot.web.server.context.WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 512
						- 1);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		@Bean
		TomcatServletWebServerFactory userFactory() {
			return new TomcatServletWebServerFactory();
		}

	}

}
