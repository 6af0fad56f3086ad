package com.example.consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * A user's application with one port of its own, managed by portguard.
 */
@SpringBootApplication
public class ConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

	@Component
	public static class Listener {

		private final int port;

		public Listener(@Value("${consumer.port}") int port) {
			this.port = port;
		}

		public int getPort() {
			return this.port;
		}

	}

}
