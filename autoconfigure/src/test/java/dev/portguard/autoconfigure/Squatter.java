package dev.portguard.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Takes the ports portguard chose right before the beans are created: releases the reservations and listens on the
 * ports, as another process started in that window would. Every socket it opened is closed on {@link #close()}.
 */
final class Squatter implements AutoCloseable {

	private final List<ServerSocket> sockets = new ArrayList<>();

	/**
	 * Return an initializer that takes the chosen port of each named managed port.
	 * @param names the managed ports' names
	 * @return the initializer
	 */
	ApplicationContextInitializer<ConfigurableApplicationContext> take(String... names) {
		return (context) -> context.addBeanFactoryPostProcessor((BeanFactoryPostProcessor) (beanFactory) -> {
			ManagedPorts ports = PortguardPropertySource.findPorts(context.getEnvironment());
			for (String name : names) {
				Resolution resolution = ports.find(name).orElseThrow();
				ports.release(name);
				try {
					ServerSocket squatter = new ServerSocket();
					squatter.setReuseAddress(true);
					squatter.bind(new InetSocketAddress(resolution.address(), resolution.resolved()));
					this.sockets.add(squatter);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		});
	}

	@Override
	public void close() throws IOException {
		for (ServerSocket socket : this.sockets) {
			socket.close();
		}
		this.sockets.clear();
	}

}
