package dev.portguard.cloud.eureka.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * A standalone Eureka server for the end-to-end tests, started as its own process.
 */
@SpringBootApplication
@EnableEurekaServer
public class EurekaServerMain {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(EurekaServerMain.class);
		application.setDefaultProperties(java.util.Map.of("spring.application.name", "eureka-server",
				"eureka.client.register-with-eureka", "false", "eureka.client.fetch-registry", "false",
				"eureka.dashboard.enabled", "false", "eureka.server.enable-self-preservation", "false",
				"eureka.server.use-read-only-response-cache", "false", "portguard.registry.enabled", "false",
				"spring.main.banner-mode", "off"));
		application.run(args);
	}

}
