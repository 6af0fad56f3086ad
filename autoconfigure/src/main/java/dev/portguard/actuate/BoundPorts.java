package dev.portguard.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The ports the web servers really bound, from Boot's {@link WebServerInitializedEvent}: the main server as
 * {@code server}, the management server (its child context's server namespace) as {@code management}.
 */
public class BoundPorts implements ApplicationListener<WebServerInitializedEvent> {

	private final Map<String, Integer> ports = new ConcurrentHashMap<>();

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		String namespace = event.getApplicationContext().getServerNamespace();
		this.ports.put((namespace != null) ? namespace : "server", event.getWebServer().getPort());
	}

	/**
	 * Return the port a web server bound.
	 * @param name {@code server} or {@code management}
	 * @return the port, or {@code null} if that server has not started
	 */
	public @Nullable Integer get(String name) {
		return this.ports.get(name);
	}

}
