package dev.portguard.cloud.eureka.client;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service with the Eureka client and portguard's auto-port, started as its own process by the end-to-end tests.
 */
@SpringBootApplication
@RestController
public class EurekaClientMain {

	@GetMapping("/")
	Map<String, String> hello() {
		return Map.of("greeting", "hello");
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(EurekaClientMain.class);
		application.setDefaultProperties(Map.of("spring.application.name", "portguard-eureka-demo",
				"server.address", "127.0.0.1", "management.server.address", "127.0.0.1", "portguard.auto", "true",
				"eureka.instance.prefer-ip-address", "true", "eureka.instance.ip-address", "127.0.0.1",
				"eureka.client.fetch-registry", "false", "eureka.client.jersey.enabled", "false",
				"spring.main.banner-mode", "off"));
		application.run(args);
	}

}
