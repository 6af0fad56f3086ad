package com.example.consumer;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.ResolutionStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that a project depending on the starter gets the post-processor, the auto-configuration and the
 * configuration metadata.
 */
class ConsumerTests {

	@Test
	void postProcessorAndAutoConfigurationLoadFromTheStarter() throws Exception {
		try (ServerSocket holder = new ServerSocket()) {
			holder.bind(new InetSocketAddress(0));
			int port = holder.getLocalPort();
			SpringApplication application = new SpringApplication(ConsumerApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			try (ConfigurableApplicationContext context = application.run("--portguard.auto=true",
					"--portguard.ports.listener.property=consumer.port", "--consumer.port=" + port)) {
				List<String> sources = context.getEnvironment()
					.getPropertySources()
					.stream()
					.map((source) -> source.getName())
					.filter((name) -> !name.equals("configurationProperties"))
					.toList();
				assertThat(sources).first().isEqualTo("portguard");
				assertThat(context.getBean(ConsumerApplication.Listener.class).getPort()).isNotEqualTo(port);
				assertThat(context.containsBean("dev.portguard.autoconfigure.PortguardAutoConfiguration")).isTrue();
				ManagedPorts ports = context.getBean(ManagedPorts.class);
				assertThat(ports.find("listener").orElseThrow().status()).isEqualTo(ResolutionStatus.FALLBACK);
			}
		}
	}

	@Test
	void configurationMetadataShipsInTheJar() throws Exception {
		List<URL> resources = Collections.list(getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"));
		String portguard = null;
		for (URL resource : resources) {
			try (InputStream in = resource.openStream()) {
				String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				if (text.contains("\"portguard.auto\"")) {
					portguard = text;
				}
			}
		}
		assertThat(portguard).as("portguard's metadata on the class path").isNotNull();
		assertThat(portguard).contains("\"portguard.max-attempts\"", "\"portguard.range\"", "\"portguard.ports\"",
				"\"portguard.alternatives\"", "\"portguard.when-exhausted\"", "\"portguard.cloud\"");
	}

}
