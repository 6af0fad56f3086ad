package dev.portguard.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.portguard.registry.InstanceRegistry;
import dev.portguard.registry.ThisMachine;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link InstanceRegistration} and Boot's port file, with a real Tomcat.
 */
class InstanceRegistrationIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void runningApplicationIsRegisteredWritesBootsPortFileAndIsRemovedOnClose() throws Exception {
		int port = Sockets.freeBlock(1);
		Path portFile = this.directory.resolve("application.port");
		Path registryDirectory = this.directory.resolve("registry");
		SpringApplication application = new SpringApplication(WebApp.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		InstanceRegistry registry = InstanceRegistry.at(registryDirectory);
		try (ConfigurableApplicationContext context = application.run("--server.port=" + port,
				"--server.address=127.0.0.1", "--spring.application.name=orders",
				"--portguard.registry.directory=" + registryDirectory, "--portguard.registry.port-file=" + portFile,
				"--spring.autoconfigure.exclude=org.springframework.boot.jetty.autoconfigure.servlet."
						+ "JettyServletWebServerAutoConfiguration")) {
			assertThat(Files.readString(portFile).trim()).isEqualTo(String.valueOf(port));
			assertThat(registry.instances("orders")).singleElement().satisfies((instance) -> {
				assertThat(instance.pid()).isEqualTo(ProcessHandle.current().pid());
				assertThat(instance.ports()).containsEntry("server", port);
				assertThat(instance.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
				assertThat(instance.user()).isEqualTo(System.getProperty("user.name"));
				// The kernel's own name for the machine, read without a name-service lookup.
				assertThat(instance.host()).isEqualTo(hostName());
			});
			assertThat(registry.lastPorts("orders", ThisMachine.main())).containsEntry("server", port);
		}
		assertThat(registry.instances("orders")).isEmpty();
		assertThat(registry.lastPorts("orders", ThisMachine.main())).containsEntry("server", port);
	}

	@Test
	void registryCanBeSwitchedOff() {
		int port = Sockets.freeBlock(1);
		Path registryDirectory = this.directory.resolve("off");
		SpringApplication application = new SpringApplication(WebApp.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		try (ConfigurableApplicationContext context = application.run("--server.port=" + port,
				"--spring.application.name=orders", "--portguard.registry.enabled=false",
				"--portguard.registry.directory=" + registryDirectory,
				"--spring.autoconfigure.exclude=org.springframework.boot.jetty.autoconfigure.servlet."
						+ "JettyServletWebServerAutoConfiguration")) {
			assertThat(context.getBeansOfType(InstanceRegistration.class)).isEmpty();
			assertThat(registryDirectory).doesNotExist();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApp {

	}

	private static String hostName() {
		try {
			return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("this test reads the host name the Linux way", ex);
		}
	}

}
