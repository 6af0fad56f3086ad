package com.example.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's web application: Tomcat, actuator, configured in YAML, with portguard's starter.
 */
@SpringBootApplication
@RestController
public class WebConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebConsumerApplication.class, args);
	}

	@GetMapping("/")
	String hello() {
		return "hello";
	}

}
