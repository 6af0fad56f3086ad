package dev.portguard.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/**
 * A {@link TomcatServletWebServerFactory} that binds its connector while the server is created, so that a port
 * taken since portguard chose it is detected there and the server is created again on the next candidate.
 * <p>
 * Binding at creation means the port accepts connections (queued, not served) from the moment the web server is
 * created until it starts, instead of only from the start; {@code portguard.retry.enabled=false} restores Boot's
 * own factory and timing. A top-level class with a public constructor, so that the management server's child
 * context can instantiate it as well.
 */
public class PortguardTomcatServletWebServerFactory extends TomcatServletWebServerFactory
		implements ApplicationContextAware {

	private @Nullable ApplicationContext applicationContext;

	/**
	 * Create a new factory.
	 */
	public PortguardTomcatServletWebServerFactory() {
		addConnectorCustomizers((connector) -> connector.setProperty("bindOnInit", "true"));
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
		this.applicationContext = applicationContext;
	}

	@Override
	public WebServer getWebServer(ServletContextInitializer... initializers) {
		return BindRetry.of(this.applicationContext).bind(getPort(), this::setPort,
				(port) -> PortguardTomcatServletWebServerFactory.super.getWebServer(initializers));
	}

}
