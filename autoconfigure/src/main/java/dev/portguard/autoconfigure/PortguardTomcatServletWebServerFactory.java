package dev.portguard.autoconfigure;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
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

	@Override
	protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
		return new BoundTomcatWebServer(tomcat, getPort() >= 0, getShutdown());
	}

	/**
	 * A {@link TomcatWebServer} that also unbinds its connectors when destroyed before it started. Boot takes the
	 * connectors out of the service until the start, so destroying Tomcat alone would leave the sockets they bound
	 * at creation open.
	 */
	static final class BoundTomcatWebServer extends TomcatWebServer {

		private final Connector[] connectors;

		BoundTomcatWebServer(Tomcat tomcat, boolean autoStart, Shutdown shutdown) {
			this(tomcat, tomcat.getService().findConnectors().clone(), autoStart, shutdown);
		}

		private BoundTomcatWebServer(Tomcat tomcat, Connector[] connectors, boolean autoStart, Shutdown shutdown) {
			super(tomcat, autoStart, shutdown);
			this.connectors = connectors;
		}

		@Override
		public void destroy() throws WebServerException {
			try {
				super.destroy();
			}
			finally {
				for (Connector connector : this.connectors) {
					if (connector.getState() != LifecycleState.DESTROYED && connector.getState() != LifecycleState.NEW) {
						try {
							connector.destroy();
						}
						catch (LifecycleException ex) {
							// Destroying is best effort; a failed start-up reports its own failure.
						}
					}
				}
			}
		}

	}

}
