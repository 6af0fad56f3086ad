package dev.portguard.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * A {@link NettyReactiveWebServerFactory} whose servers, when their bind fails because another process took the
 * port since portguard chose it, bind again on the next candidate. Reactor Netty binds in {@code start()}, so the
 * start-up timing is Boot's own. A top-level class with a public constructor, so that the management server's
 * child context can instantiate it as well.
 */
public class PortguardNettyReactiveWebServerFactory extends NettyReactiveWebServerFactory
		implements ApplicationContextAware {

	private @Nullable ApplicationContext applicationContext;

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
		this.applicationContext = applicationContext;
	}

	@Override
	public WebServer getWebServer(HttpHandler httpHandler) {
		return new RetryingWebServer(super.getWebServer(httpHandler), httpHandler);
	}

	private WebServer create(int port, HttpHandler httpHandler) {
		setPort(port);
		return super.getWebServer(httpHandler);
	}

	/**
	 * Starts its server through {@link BindRetry}, replacing it with one on the next candidate port while the
	 * bind fails with "in use".
	 */
	private final class RetryingWebServer implements WebServer {

		private final HttpHandler httpHandler;

		private volatile WebServer delegate;

		private volatile int delegatePort;

		RetryingWebServer(WebServer delegate, HttpHandler httpHandler) {
			this.delegate = delegate;
			this.delegatePort = PortguardNettyReactiveWebServerFactory.this.getPort();
			this.httpHandler = httpHandler;
		}

		@Override
		public void start() throws WebServerException {
			BindRetry retry = BindRetry.of(PortguardNettyReactiveWebServerFactory.this.applicationContext);
			this.delegate = retry.bind(this.delegatePort, (port) -> {
			}, (port) -> {
				if (port != this.delegatePort) {
					this.delegate = create(port, this.httpHandler);
					this.delegatePort = port;
				}
				this.delegate.start();
				return this.delegate;
			});
		}

		@Override
		public void stop() throws WebServerException {
			this.delegate.stop();
		}

		@Override
		public int getPort() {
			return this.delegate.getPort();
		}

		@Override
		public void shutDownGracefully(GracefulShutdownCallback callback) {
			this.delegate.shutDownGracefully(callback);
		}

		@Override
		public void destroy() {
			this.delegate.destroy();
		}

	}

}
