package dev.portguard.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.portguard.policy.ManagedPorts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * A tiny TCP echo listener on {@code sample.echo.port}: every line it receives is written back. Its port is managed
 * by portguard as {@code portguard.ports.echo}.
 */
@Component
class EchoListener implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EchoListener.class);

	private final int port;

	private final @Nullable InetAddress address;

	private final ApplicationContext context;

	private final ExecutorService connections = Executors.newFixedThreadPool(4, (task) -> {
		Thread thread = new Thread(task, "echo-connection");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable ServerSocket socket;

	EchoListener(@Value("${sample.echo.port}") int port, @Value("${server.address:#{null}}") @Nullable InetAddress address,
			ApplicationContext context) {
		this.port = port;
		this.address = address;
		this.context = context;
	}

	@Override
	public void start() {
		try {
			// portguard holds the port it chose for "echo" until this moment (portguard.ports.echo.owner-releases=true)
			// and moves it to the next candidate if another process took it since.
			ServerSocket serverSocket = ClassUtils.isPresent("dev.portguard.policy.ManagedPorts",
					getClass().getClassLoader()) ? PortguardBind.bind(this.context, "echo", this.port, this::open)
							: open(this.port);
			this.socket = serverSocket;
			Thread acceptor = new Thread(() -> accept(serverSocket), "echo-acceptor");
			acceptor.setDaemon(true);
			acceptor.start();
			logger.info("Echo listener started on port " + serverSocket.getLocalPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Echo listener cannot bind port " + this.port, ex);
		}
	}

	private ServerSocket open(int port) throws IOException {
		ServerSocket serverSocket = new ServerSocket();
		try {
			serverSocket.setReuseAddress(true);
			serverSocket.bind(new InetSocketAddress(this.address, port));
			return serverSocket;
		}
		catch (IOException ex) {
			serverSocket.close();
			throw ex;
		}
	}

	private void accept(ServerSocket serverSocket) {
		while (!serverSocket.isClosed()) {
			try {
				Socket connection = serverSocket.accept();
				this.connections.execute(() -> echo(connection));
			}
			catch (IOException ex) {
				if (!serverSocket.isClosed()) {
					logger.warn("Echo listener failed to accept a connection", ex);
				}
			}
		}
	}

	private void echo(Socket connection) {
		try (connection;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
				OutputStream out = connection.getOutputStream()) {
			String line;
			while ((line = in.readLine()) != null) {
				out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		}
		catch (IOException ex) {
			logger.debug("Echo connection closed", ex);
		}
	}

	/**
	 * Opens the listener's socket on a port.
	 */
	@FunctionalInterface
	private interface Opener {

		ServerSocket open(int port) throws IOException;

	}

	/**
	 * Touches portguard's API only when portguard is on the class path, so the sample also runs without it (the
	 * start-up benchmark compares both).
	 */
	private static final class PortguardBind {

		static ServerSocket bind(ApplicationContext context, String name, int port, Opener opener) throws IOException {
			ManagedPorts ports = context.getBeanProvider(ManagedPorts.class).getIfAvailable();
			return (ports != null) ? ports.bind(name, opener::open) : opener.open(port);
		}

	}

	@Override
	public void stop() {
		ServerSocket serverSocket = this.socket;
		this.socket = null;
		if (serverSocket != null) {
			try {
				serverSocket.close();
			}
			catch (IOException ex) {
				logger.debug("Echo listener did not close cleanly", ex);
			}
		}
		this.connections.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.socket != null;
	}

}
