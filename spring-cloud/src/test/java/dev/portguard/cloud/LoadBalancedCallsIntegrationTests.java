package dev.portguard.cloud;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: two packaged sample apps come up on fallback ports while their preferred port is held, and a caller
 * with Spring Cloud LoadBalancer and a {@code @LoadBalanced RestClient.Builder} reaches both by service id, through
 * the reactive and the blocking discovery client; when one is killed, calls go to the other only.
 */
class LoadBalancedCallsIntegrationTests {

	private static final String SERVICE = "portguard-sample-app";

	private static final Path REGISTRY = Path.of("target/registry-load-balanced").toAbsolutePath();

	@Test
	void callsReachEveryInstanceOnItsFallbackPortAndStopGoingToOneThatIsKilled() throws Exception {
		FileSystemUtils.deleteRecursively(REGISTRY);
		int preferred = Processes.freeBlock(24);
		int echo = preferred + 12;
		try (Processes processes = new Processes()) {
			processes.python(preferred);
			Processes.Running first = processes.sampleApp("--server.port=" + preferred,
					"--sample.echo.port=" + echo, "--portguard.registry.directory=" + REGISTRY);
			Processes.Running second = processes.sampleApp("--server.port=" + preferred,
					"--sample.echo.port=" + echo, "--portguard.registry.directory=" + REGISTRY);
			int firstPort = first.awaitStarted("SampleApplication");
			int secondPort = second.awaitStarted("SampleApplication");
			assertThat(firstPort).isNotEqualTo(preferred).isNotEqualTo(secondPort);
			assertThat(secondPort).isNotEqualTo(preferred);
			try (ConfigurableApplicationContext reactive = caller(true);
					ConfigurableApplicationContext blocking = caller(false)) {
				assertThat(reactive.getBean(PortguardReactiveDiscoveryClient.class)).isNotNull();
				assertThat(blocking.getBeanNamesForType(PortguardReactiveDiscoveryClient.class)).isEmpty();
				for (ConfigurableApplicationContext caller : List.of(reactive, blocking)) {
					assertThat(new TreeSet<>(portsReached(caller, 6))).containsExactlyInAnyOrder(firstPort, secondPort);
				}
				first.kill();
				// portguard's cache (500ms) and the load balancer's cache (500ms) both expire within a second.
				Thread.sleep(1500);
				for (ConfigurableApplicationContext caller : List.of(reactive, blocking)) {
					assertThat(portsReached(caller, 6)).containsOnly(secondPort);
				}
			}
		}
	}

	private static List<Integer> portsReached(ConfigurableApplicationContext caller, int calls) {
		RestClient client = caller.getBean(RestClient.Builder.class).build();
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			Map<?, ?> greeting = client.get().uri("http://" + SERVICE + "/").retrieve().body(Map.class);
			assertThat(greeting.get("greeting")).isEqualTo("Hello from " + SERVICE);
			ports.add(((Number) greeting.get("port")).intValue());
		}
		return ports;
	}

	private static ConfigurableApplicationContext caller(boolean reactive) {
		return new SpringApplicationBuilder(Caller.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=caller", "portguard.registry.enabled=false",
					"portguard.registry.directory=" + REGISTRY, "portguard.discovery.cache-ttl=500ms",
					"spring.cloud.loadbalancer.cache.ttl=500ms",
					"spring.cloud.discovery.reactive.enabled=" + reactive, "spring.main.banner-mode=off",
					"eureka.client.enabled=false")
			.run();
	}

	/**
	 * A caller: auto-configuration and a load-balanced {@link RestClient.Builder}, nothing else.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Caller {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder() {
			return RestClient.builder();
		}

	}

}
