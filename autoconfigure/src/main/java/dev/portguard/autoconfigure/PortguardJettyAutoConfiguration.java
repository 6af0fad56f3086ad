package dev.portguard.autoconfigure;

import jakarta.servlet.ServletRequest;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Loader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of portguard's bind-time retry for Jetty: replaces Boot's Jetty factory with
 * {@link PortguardJettyServletWebServerFactory}, configured the same way. Ordered after the Tomcat one, as Boot
 * prefers Tomcat when both servers are on the class path.
 */
@AutoConfiguration(before = JettyServletWebServerAutoConfiguration.class, after = PortguardTomcatAutoConfiguration.class)
@ConditionalOnClass({ ServletRequest.class, Server.class, Loader.class, JettyServletWebServerFactory.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty("portguard.auto")
@ConditionalOnBooleanProperty(name = "portguard.retry.enabled", matchIfMissing = true)
public final class PortguardJettyAutoConfiguration {

	PortguardJettyAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(value = ServletWebServerFactory.class, search = SearchStrategy.CURRENT)
	PortguardJettyServletWebServerFactory jettyServletWebServerFactory(
			ObjectProvider<JettyServerCustomizer> serverCustomizers) {
		PortguardJettyServletWebServerFactory factory = new PortguardJettyServletWebServerFactory();
		factory.getServerCustomizers().addAll(serverCustomizers.orderedStream().toList());
		return factory;
	}

}
