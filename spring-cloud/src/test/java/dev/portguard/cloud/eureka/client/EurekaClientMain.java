package dev.portguard.cloud.eureka.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service with the Eureka client and portguard's auto-port, started as its own process by the end-to-end tests.
 */
@SpringBootApplication
@RestController
public class EurekaClientMain {

	private static final List<ServerSocket> SQUATTERS = new ArrayList<>();

	@GetMapping("/")
	Map<String, String> hello() {
		return Map.of("greeting", "hello");
	}

	/**
	 * Take the ports portguard chose right before the beans are created, as another process started in that window
	 * would, so that both servers move at bind time. The sockets stay open while the process runs.
	 */
	private static void squatChosenPorts(ConfigurableApplicationContext context) {
		context.addBeanFactoryPostProcessor((BeanFactoryPostProcessor) (beanFactory) -> {
			ManagedPorts ports = beanFactory.getBean(ManagedPorts.class);
			for (String name : List.of("server", "management")) {
				Resolution resolution = ports.find(name).orElseThrow();
				ports.release(name);
				try {
					ServerSocket squatter = new ServerSocket();
					squatter.bind(new InetSocketAddress(resolution.address(), resolution.resolved()));
					SQUATTERS.add(squatter);
					System.out.println("SQUATTING " + name + " " + resolution.resolved());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		});
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(EurekaClientMain.class);
		application.setDefaultProperties(Map.of("spring.application.name", "portguard-eureka-demo",
				"server.address", "127.0.0.1", "management.server.address", "127.0.0.1", "portguard.auto", "true",
				"eureka.instance.prefer-ip-address", "true", "eureka.instance.ip-address", "127.0.0.1",
				"eureka.client.fetch-registry", "false", "eureka.client.jersey.enabled", "false",
				"spring.main.banner-mode", "off"));
		if (Arrays.asList(args).contains("--squat")) {
			application.addInitializers(EurekaClientMain::squatChosenPorts);
		}
		application.run(args);
	}

}
