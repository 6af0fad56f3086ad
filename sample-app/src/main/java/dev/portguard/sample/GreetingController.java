package dev.portguard.sample;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers {@code GET /} with a greeting and the port the request arrived on.
 */
@RestController
class GreetingController {

	private final String name;

	GreetingController(@Value("${spring.application.name}") String name) {
		this.name = name;
	}

	@GetMapping("/")
	Map<String, Object> greet(HttpServletRequest request) {
		return Map.of("greeting", "Hello from " + this.name, "port", request.getLocalPort());
	}

}
