package dev.portguard.cloud;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.portguard.autoconfigure.PortguardAutoConfiguration;
import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;
import dev.portguard.registry.ThisMachine;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortguardDiscoveryClientAutoConfiguration} and
 * {@link PortguardReactiveDiscoveryClientAutoConfiguration}.
 */
class PortguardDiscoveryClientAutoConfigurationTests {

	private static final Path REGISTRY = Path.of("target/registry-autoconfiguration-tests");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("portguard.registry.directory=target/registry-autoconfiguration-tests",
				"portguard.registry.enabled=false")
		.withConfiguration(AutoConfigurations.of(PortguardAutoConfiguration.class,
				PortguardDiscoveryClientAutoConfiguration.class, PortguardReactiveDiscoveryClientAutoConfiguration.class,
				CompositeDiscoveryClientAutoConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class,
				ReactiveCompositeDiscoveryClientAutoConfiguration.class,
				SimpleReactiveDiscoveryClientAutoConfiguration.class, UtilAutoConfiguration.class));

	@Test
	void blockingAndReactiveClientsShareOneCacheByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PortguardDiscoveryClient.class)
				.hasSingleBean(PortguardReactiveDiscoveryClient.class)
				.hasSingleBean(PortguardServiceInstances.class);
			assertThat(context.getBean(PortguardDiscoveryClient.class).description())
				.contains("registry-autoconfiguration-tests");
		});
	}

	@Test
	void offWhenPortguardDiscoveryIsDisabled() {
		this.runner.withPropertyValues("portguard.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortguardDiscoveryClient.class)
				.doesNotHaveBean(PortguardReactiveDiscoveryClient.class)
				.doesNotHaveBean(PortguardServiceInstances.class));
	}

	@Test
	void offWhenSpringCloudDiscoveryIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortguardDiscoveryClient.class)
				.doesNotHaveBean(PortguardReactiveDiscoveryClient.class));
	}

	@Test
	void onlyReactiveWhenBlockingDiscoveryIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.discovery.blocking.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortguardDiscoveryClient.class)
				.hasSingleBean(PortguardReactiveDiscoveryClient.class));
	}

	@Test
	void onlyBlockingWhenReactiveDiscoveryIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.discovery.reactive.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(PortguardDiscoveryClient.class)
				.doesNotHaveBean(PortguardReactiveDiscoveryClient.class));
	}

	@Test
	void onlyBlockingWithoutWebClientAsSpringCloudDecides() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasSingleBean(PortguardDiscoveryClient.class)
				.doesNotHaveBean(PortguardReactiveDiscoveryClient.class));
	}

	@Test
	void offWithoutSpringCloudCommons() {
		this.runner.withClassLoader(new FilteredClassLoader(DiscoveryClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PortguardDiscoveryClient.class));
	}

	@Test
	void userClientBacksOff() {
		this.runner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PortguardDiscoveryClient.class);
			assertThat(context.getBean(PortguardDiscoveryClient.class).getOrder()).isEqualTo(42);
		});
	}

	@Test
	void cacheTimeToLiveAndOrderAreBound() {
		this.runner.withPropertyValues("portguard.discovery.cache-ttl=250ms", "portguard.discovery.order=7")
			.run((context) -> {
				assertThat(context.getBean(PortguardDiscoveryClient.class).getOrder()).isEqualTo(7);
				assertThat(context.getBean(PortguardReactiveDiscoveryClient.class).getOrder()).isEqualTo(7);
			});
	}

	@Test
	void anotherRegistryIsAskedFirstByDefault() throws IOException {
		registerOrders();
		this.runner.withUserConfiguration(OtherRegistryConfiguration.class).run((context) -> {
			CompositeDiscoveryClient composite = context.getBean(CompositeDiscoveryClient.class);
			List<DiscoveryClient> clients = composite.getDiscoveryClients();
			assertThat(clients.get(clients.size() - 1)).isInstanceOf(PortguardDiscoveryClient.class);
			assertThat(clients.indexOf(context.getBean("otherRegistry", DiscoveryClient.class)))
				.isLessThan(clients.size() - 1);
			assertThat(composite.getInstances("orders")).extracting(ServiceInstance::getPort).containsExactly(9999);
		});
	}

	@Test
	void portguardIsAskedFirstWhenItsOrderIsLower() throws IOException {
		registerOrders();
		this.runner.withUserConfiguration(OtherRegistryConfiguration.class)
			.withPropertyValues("portguard.discovery.order=-1")
			.run((context) -> {
				CompositeDiscoveryClient composite = context.getBean(CompositeDiscoveryClient.class);
				assertThat(composite.getDiscoveryClients().get(0)).isInstanceOf(PortguardDiscoveryClient.class);
				assertThat(composite.getInstances("orders")).extracting(ServiceInstance::getPort)
					.containsExactly(8081);
			});
	}

	private static void registerOrders() throws IOException {
		FileSystemUtils.deleteRecursively(REGISTRY);
		ProcessHandle self = ProcessHandle.current();
		InstanceRegistry.at(REGISTRY)
			.register(new Instance("orders", "orders-local", self.pid(), self.info().startInstant().orElseThrow(),
					ThisMachine.host(), "user", Map.of("server", 8081), "http://127.0.0.1:8081", Instant.now(), null));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		PortguardDiscoveryClient userPortguardDiscoveryClient() {
			return new PortguardDiscoveryClient(InstanceRegistry.at(Path.of("target/registry-user")),
					Duration.ofSeconds(5), 42);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherRegistryConfiguration {

		@Bean
		DiscoveryClient otherRegistry() {
			return new DiscoveryClient() {

				@Override
				public String description() {
					return "another registry";
				}

				@Override
				public List<ServiceInstance> getInstances(String serviceId) {
					return List.of(new DefaultServiceInstance("orders-1", "orders", "10.0.0.1", 9999, false));
				}

				@Override
				public List<String> getServices() {
					return List.of("orders");
				}

			};
		}

	}

}
