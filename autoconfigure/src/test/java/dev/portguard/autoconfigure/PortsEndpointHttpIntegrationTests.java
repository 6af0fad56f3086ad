package dev.portguard.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.portguard.registry.ThisMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of the {@code ports} endpoint over real HTTP on Tomcat, Jetty and Reactor Netty, in the
 * application's context and on a separate management port: every response carries the security headers, and with
 * process details shown a request whose {@code Host} header names another machine is refused. Requests with a
 * chosen {@code Host} header are written on a plain socket, as a browser that was lured by DNS rebinding sends
 * them ({@link HttpClient} does not let its caller set {@code Host}).
 */
class PortsEndpointHttpIntegrationTests {

	private static final String TOMCAT_SERVLET = "org.springframework.boot.tomcat.autoconfigure.servlet."
			+ "TomcatServletWebServerAutoConfiguration";

	private static final String TOMCAT_SERVLET_MANAGEMENT = "org.springframework.boot.tomcat.autoconfigure.actuate."
			+ "web.server.TomcatServletManagementContextAutoConfiguration";

	private static final String TOMCAT_REACTIVE = "org.springframework.boot.tomcat.autoconfigure.reactive."
			+ "TomcatReactiveWebServerAutoConfiguration";

	private static final String TOMCAT_REACTIVE_MANAGEMENT = "org.springframework.boot.tomcat.autoconfigure.actuate."
			+ "web.server.TomcatReactiveManagementContextAutoConfiguration";

	private static final String JETTY_SERVLET = "org.springframework.boot.jetty.autoconfigure.servlet."
			+ "JettyServletWebServerAutoConfiguration";

	private static final String JETTY_SERVLET_MANAGEMENT = "org.springframework.boot.jetty.autoconfigure.actuate.web."
			+ "server.JettyServletManagementContextAutoConfiguration";

	private static final String JETTY_REACTIVE = "org.springframework.boot.jetty.autoconfigure.reactive."
			+ "JettyReactiveWebServerAutoConfiguration";

	private static final String JETTY_REACTIVE_MANAGEMENT = "org.springframework.boot.jetty.autoconfigure.actuate.web."
			+ "server.JettyReactiveManagementContextAutoConfiguration";

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final String EXPECTED_POLICY_START = "default-src 'none'; style-src 'sha256-";

	private static final String EXPECTED_POLICY_END = "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	@ParameterizedTest
	@EnumSource
	void withDetailsShownEveryResponseCarriesTheHeadersAndAForeignHostIsRefused(Server server) {
		try (ConfigurableApplicationContext context = server.run("--management.endpoint.ports.show-details=always")) {
			int port = server.endpointPort(context);
			HttpResponse<String> html = get(port, "/actuator/ports", BROWSER_ACCEPT);
			assertThat(html.statusCode()).isEqualTo(200);
			assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
			assertThat(html.body()).startsWith("<!DOCTYPE html>");
			assertSecurityHeaders(html.headers().map());
			for (String path : List.of("/actuator/ports", "/actuator/ports/server")) {
				HttpResponse<String> json = get(port, path, null);
				assertThat(json.statusCode()).as(path).isEqualTo(200);
				assertThat(json.headers().firstValue("Content-Type").orElseThrow()).as(path).contains("json");
				assertSecurityHeaders(json.headers().map());
			}
			assertThat(get(port, "/actuator/health", null).headers().firstValue("Content-Security-Policy"))
				.as("another endpoint").isEmpty();
			for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "localhost", "LOCALHOST.:" + port,
					"[::1]:" + port, ThisMachine.host() + ":" + port)) {
				RawResponse response = send(port, "/actuator/ports", host, BROWSER_ACCEPT);
				assertThat(response.status()).as(host).isEqualTo(200);
				assertThat(response.body()).as(host).startsWith("<!DOCTYPE html>");
			}
			for (String path : List.of("/actuator/ports", "/actuator/ports/server", "/actuator/%70orts",
					"/actuator/ports;x=1")) {
				for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1.evil.example",
						"localhost.evil.example:" + port)) {
					RawResponse refused = send(port, path, host, BROWSER_ACCEPT);
					assertThat(refused.status()).as("%s %s", path, host).isEqualTo(421);
					assertThat(refused.headers().get("content-type")).startsWith("text/plain");
					assertThat(refused.body()).as("%s %s", path, host)
						.startsWith("Misdirected request: the Host header names neither this machine nor an allowed "
								+ "host");
					assertThat(refused.headers()).containsEntry("x-content-type-options", "nosniff")
						.containsEntry("cache-control", "no-store");
				}
			}
			for (String malformed : List.of("[::1].evil.example", "localhost:" + port + "@evil.example")) {
				// The servers themselves reject these (400) or the guard does (421); neither shows the report.
				RawResponse refused = send(port, "/actuator/ports", malformed, null);
				assertThat(refused.status()).as(malformed).isIn(400, 421);
				assertThat(refused.body()).as(malformed).doesNotContain("systemPorts");
			}
			assertThat(send(port, "/actuator/health", "evil.example", null).status()).as("another endpoint")
				.isEqualTo(200);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT", "NETTY" })
	void withoutDetailsAForeignHostIsAnsweredAsBefore(Server server) {
		try (ConfigurableApplicationContext context = server.run("--management.endpoint.ports.show-details=never")) {
			int port = server.endpointPort(context);
			RawResponse json = send(port, "/actuator/ports", "evil.example", null);
			assertThat(json.status()).isEqualTo(200);
			assertThat(json.body()).startsWith("{").contains("\"systemPorts\"");
			assertThat(json.headers()).containsEntry("x-content-type-options", "nosniff")
				.containsEntry("cache-control", "no-store");
			RawResponse html = send(port, "/actuator/ports", "evil.example", BROWSER_ACCEPT);
			assertThat(html.status()).isEqualTo(200);
			assertThat(html.body()).startsWith("<!DOCTYPE html>");
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT", "NETTY" })
	void allowedHostsAreAnsweredWithDetailsShown(Server server) {
		try (ConfigurableApplicationContext context = server.run("--management.endpoint.ports.show-details=always",
				"--management.endpoint.ports.allowed-hosts=ports.example.com,10.9.8.7")) {
			int port = server.endpointPort(context);
			assertThat(send(port, "/actuator/ports", "ports.example.com:" + port, null).status()).isEqualTo(200);
			assertThat(send(port, "/actuator/ports", "PORTS.EXAMPLE.COM", null).status()).isEqualTo(200);
			assertThat(send(port, "/actuator/ports", "10.9.8.7", null).status()).isEqualTo(200);
			assertThat(send(port, "/actuator/ports", "evil.example", null).status()).isEqualTo(421);
		}
		try (ConfigurableApplicationContext context = server.run("--management.endpoint.ports.show-details=always",
				"--management.endpoint.ports.allowed-hosts=*")) {
			RawResponse response = send(server.endpointPort(context), "/actuator/ports", "evil.example", null);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).contains("\"systemPorts\"");
		}
	}

	@Test
	void curlSeesTheHeadersAndTheRefusal() throws IOException, InterruptedException {
		try (ConfigurableApplicationContext context = Server.TOMCAT
			.run("--management.endpoint.ports.show-details=always")) {
			String url = "http://127.0.0.1:" + Server.TOMCAT.endpointPort(context) + "/actuator/ports";
			String dashboard = curl("-H", "Accept: text/html", url);
			assertThat(dashboard).startsWith("HTTP/1.1 200")
				.containsIgnoringCase("\r\nContent-Security-Policy: " + EXPECTED_POLICY_START)
				.containsIgnoringCase("\r\nX-Frame-Options: DENY\r\n")
				.containsIgnoringCase("\r\nX-Content-Type-Options: nosniff\r\n")
				.containsIgnoringCase("\r\nReferrer-Policy: no-referrer\r\n")
				.containsIgnoringCase("\r\nCache-Control: no-store\r\n")
				.contains("<!DOCTYPE html>");
			String refused = curl("-H", "Host: evil.example", url);
			assertThat(refused).startsWith("HTTP/1.1 421").contains("Misdirected request").doesNotContain("systemPorts");
		}
	}

	private static void assertSecurityHeaders(Map<String, List<String>> headers) {
		Map<String, List<String>> lower = new LinkedHashMap<>();
		headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));
		assertThat(lower.get("content-security-policy")).singleElement()
			.satisfies((policy) -> assertThat(policy).startsWith(EXPECTED_POLICY_START).endsWith(EXPECTED_POLICY_END));
		assertThat(lower).containsEntry("x-frame-options", List.of("DENY"))
			.containsEntry("x-content-type-options", List.of("nosniff"))
			.containsEntry("referrer-policy", List.of("no-referrer"))
			.containsEntry("cache-control", List.of("no-store"));
	}

	private static HttpResponse<String> get(int port, String path, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (accept != null) {
			request.header("Accept", accept);
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send an HTTP/1.1 request with the given {@code Host} header, as written, and read the whole response.
	 */
	private static RawResponse send(int port, String path, String host, String accept) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(30_000);
			String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
					+ ((accept != null) ? "Accept: " + accept + "\r\n" : "") + "Connection: close\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return RawResponse.parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String curl(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--include",
				"--max-time", "30"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		return new String(output, StandardCharsets.UTF_8);
	}

	/**
	 * A response read from a socket: status, headers (names in lower case) and body, chunked or not.
	 */
	record RawResponse(int status, Map<String, String> headers, String body) {

		static RawResponse parse(byte[] bytes) throws IOException {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			assertThat(end).as("a complete response in %s", text).isPositive();
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
			byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(new java.io.ByteArrayInputStream(body));
			}
			return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(InputStream in) throws IOException {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			while (true) {
				StringBuilder size = new StringBuilder();
				for (int c = in.read(); c != '\n' && c != -1; c = in.read()) {
					size.append((char) c);
				}
				int length = Integer.parseInt(size.toString().strip().split(";")[0], 16);
				if (length == 0) {
					return out.toByteArray();
				}
				out.write(in.readNBytes(length));
				in.readNBytes(2);
			}
		}

	}

	/**
	 * The servers the endpoint is tested on, each in the application's context and, for Tomcat and Netty, also on
	 * a separate management port (a child context).
	 */
	enum Server {

		TOMCAT(WebApplicationType.SERVLET, false, JETTY_SERVLET, JETTY_SERVLET_MANAGEMENT),

		TOMCAT_MANAGEMENT_PORT(WebApplicationType.SERVLET, true, JETTY_SERVLET, JETTY_SERVLET_MANAGEMENT),

		JETTY(WebApplicationType.SERVLET, false, TOMCAT_SERVLET, TOMCAT_SERVLET_MANAGEMENT,
				PortguardTomcatAutoConfiguration.class.getName()),

		NETTY(WebApplicationType.REACTIVE, false, TOMCAT_REACTIVE, TOMCAT_REACTIVE_MANAGEMENT, JETTY_REACTIVE,
				JETTY_REACTIVE_MANAGEMENT),

		NETTY_MANAGEMENT_PORT(WebApplicationType.REACTIVE, true, TOMCAT_REACTIVE, TOMCAT_REACTIVE_MANAGEMENT,
				JETTY_REACTIVE, JETTY_REACTIVE_MANAGEMENT);

		private final WebApplicationType type;

		private final boolean managementPort;

		private final List<String> excluded;

		Server(WebApplicationType type, boolean managementPort, String... excluded) {
			this.type = type;
			this.managementPort = managementPort;
			this.excluded = List.of(excluded);
		}

		ConfigurableApplicationContext run(String... args) {
			SpringApplication application = new SpringApplication(WebApp.class);
			application.setWebApplicationType(this.type);
			List<String> arguments = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
					"--spring.main.banner-mode=off", "--management.endpoints.web.exposure.include=health,ports",
					"--spring.autoconfigure.exclude=" + String.join(",", this.excluded)));
			if (this.managementPort) {
				arguments.addAll(List.of("--management.server.port=0", "--management.server.address=127.0.0.1"));
			}
			arguments.addAll(List.of(args));
			return application.run(arguments.toArray(String[]::new));
		}

		int endpointPort(ConfigurableApplicationContext context) {
			if (this.managementPort) {
				int port = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
				assertThat(port).isNotEqualTo(((WebServerApplicationContext) context).getWebServer().getPort());
				return port;
			}
			return ((WebServerApplicationContext) context).getWebServer().getPort();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApp {

	}

}
