package dev.portguard.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/**
 * A {@link JettyServletWebServerFactory} that opens its connector while the server is created, so that a port taken
 * since portguard chose it is detected there and the connector is opened again on the next candidate.
 * <p>
 * Opening at creation means the port accepts connections (queued, not served) from the moment the web server is
 * created until it starts, instead of only from the start, as with Tomcat; {@code portguard.retry.enabled=false}
 * restores Boot's own factory and timing. A top-level class with a public constructor, so that the management
 * server's child context can instantiate it as well.
 */
public class PortguardJettyServletWebServerFactory extends JettyServletWebServerFactory
		implements ApplicationContextAware {

	private @Nullable ApplicationContext applicationContext;

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
		this.applicationContext = applicationContext;
	}

	@Override
	protected JettyWebServer getJettyWebServer(Server server) {
		Connector[] connectors = server.getConnectors().clone();
		try {
			for (Connector connector : connectors) {
				if (connector instanceof ServerConnector serverConnector && serverConnector.getPort() > 0) {
					open(serverConnector);
				}
			}
		}
		catch (RuntimeException ex) {
			close(connectors);
			throw ex;
		}
		return new OpenedJettyWebServer(server, connectors, getPort() >= 0);
	}

	private void open(ServerConnector connector) {
		BindRetry.of(this.applicationContext).bind(connector.getPort(), (port) -> {
			connector.setPort(port);
			setPort(port);
		}, (port) -> {
			try {
				connector.open();
				return connector;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static void close(Connector[] connectors) {
		for (Connector connector : connectors) {
			if (connector instanceof ServerConnector serverConnector) {
				serverConnector.close();
			}
		}
	}

	/**
	 * A {@link JettyServletWebServer} that also closes its connectors when destroyed before it started. Boot takes
	 * the connectors out of the server until the start, so stopping the server alone would leave the sockets they
	 * opened at creation open.
	 */
	static final class OpenedJettyWebServer extends JettyServletWebServer {

		private final Connector[] connectors;

		OpenedJettyWebServer(Server server, Connector[] connectors, boolean autoStart) {
			super(server, autoStart);
			this.connectors = connectors;
		}

		@Override
		public void destroy() {
			try {
				super.destroy();
			}
			finally {
				close(this.connectors);
			}
		}

	}

}
