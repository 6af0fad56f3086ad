package dev.portguard.cloud;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.discovery.EurekaClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.context.ApplicationListener;

/**
 * Publishes to Eureka the ports the web servers really bound, when they differ from what Eureka read at start-up.
 * <p>
 * Spring Cloud Netflix reads {@code server.port} and {@code management.server.port} when it creates its instance
 * configuration, and takes the bound port only when the configured one was 0. portguard resolves ports before that,
 * but a bind-time retry (a port taken between resolution and bind) moves a server later: the management server,
 * which binds after the main context is refreshed, always; the main server with Jetty and Reactor Netty, which bind
 * when they start.
 */
final class EurekaPortPublisher implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(EurekaPortPublisher.class);

	private static final String MANAGEMENT_PORT = "management.port";

	private final EurekaInstanceConfigBean instance;

	private final ObjectProvider<ApplicationInfoManager> applicationInfoManager;

	private final ObjectProvider<EurekaClient> eurekaClient;

	EurekaPortPublisher(EurekaInstanceConfigBean instance, ObjectProvider<ApplicationInfoManager> applicationInfoManager,
			ObjectProvider<EurekaClient> eurekaClient) {
		this.instance = instance;
		this.applicationInfoManager = applicationInfoManager;
		this.eurekaClient = eurekaClient;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		int bound = event.getWebServer().getPort();
		if (bound <= 0) {
			return;
		}
		String namespace = event.getApplicationContext().getServerNamespace();
		if ("management".equals(namespace)) {
			publishManagementPort(bound);
		}
		else if (namespace == null) {
			publishServerPort(bound);
		}
	}

	private void publishServerPort(int bound) {
		boolean secure = this.instance.isSecurePortEnabled();
		int published = secure ? this.instance.getSecurePort() : this.instance.getNonSecurePort();
		// 0 is Eureka's own case: it takes the bound port itself.
		if (published == 0 || published == bound) {
			return;
		}
		if (secure) {
			this.instance.setSecurePort(bound);
		}
		else {
			this.instance.setNonSecurePort(bound);
		}
		String management = this.instance.getMetadataMap().get(MANAGEMENT_PORT);
		if (Integer.toString(published).equals(management)) {
			// Management on the main server: its URLs and metadata name the main server's port.
			publishManagementPort(bound);
		}
		ApplicationInfoManager manager = this.applicationInfoManager.getIfAvailable();
		if (manager != null) {
			InstanceInfo.Builder info = new InstanceInfo.Builder(manager.getInfo());
			if (secure) {
				info.setSecurePort(bound);
			}
			else {
				info.setPort(bound);
			}
			info.setHomePageUrl(this.instance.getHomePageUrlPath(), withPort(this.instance.getHomePageUrl(), published,
					bound));
			manager.getInfo().setIsDirty();
			sendNow();
		}
		logger.info("Published server port " + bound + " to Eureka instead of " + published
				+ " (the port moved when the server bound)");
	}

	private void publishManagementPort(int bound) {
		String published = this.instance.getMetadataMap().get(MANAGEMENT_PORT);
		if (published == null || published.equals(Integer.toString(bound))) {
			return;
		}
		int old;
		try {
			old = Integer.parseInt(published.trim());
		}
		catch (NumberFormatException ex) {
			return;
		}
		this.instance.getMetadataMap().put(MANAGEMENT_PORT, Integer.toString(bound));
		this.instance.setStatusPageUrl(withPort(this.instance.getStatusPageUrl(), old, bound));
		this.instance.setHealthCheckUrl(withPort(this.instance.getHealthCheckUrl(), old, bound));
		this.instance.setSecureHealthCheckUrl(withPort(this.instance.getSecureHealthCheckUrl(), old, bound));
		ApplicationInfoManager manager = this.applicationInfoManager.getIfAvailable();
		if (manager != null) {
			new InstanceInfo.Builder(manager.getInfo())
				.setStatusPageUrl(this.instance.getStatusPageUrlPath(), this.instance.getStatusPageUrl())
				.setHealthCheckUrls(this.instance.getHealthCheckUrlPath(), this.instance.getHealthCheckUrl(),
						this.instance.getSecureHealthCheckUrl());
			// Marks the instance dirty: the Eureka client sends it again.
			manager.registerAppMetadata(Map.of(MANAGEMENT_PORT, Integer.toString(bound)));
			sendNow();
		}
		logger.info("Published management port " + bound + " to Eureka instead of " + old
				+ " (the port moved when the management server bound)");
	}

	/**
	 * Send the changed instance to Eureka now rather than at the next replication (30 s by default): registering the
	 * health check handler again is the Eureka client's public way to ask for an on-demand update.
	 */
	private void sendNow() {
		EurekaClient client = this.eurekaClient.getIfAvailable();
		if (client != null) {
			client.registerHealthCheck(client.getHealthCheckHandler());
		}
	}

	/**
	 * Return a URL with its port replaced, when it names the old port; any other URL (set explicitly, elsewhere) is
	 * kept.
	 */
	static @Nullable String withPort(@Nullable String url, int old, int bound) {
		if (url == null) {
			return null;
		}
		try {
			URI uri = new URI(url);
			if (uri.getPort() != old) {
				return url;
			}
			return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), bound, uri.getPath(), uri.getQuery(),
					uri.getFragment()).toString();
		}
		catch (URISyntaxException ex) {
			return url;
		}
	}

}
