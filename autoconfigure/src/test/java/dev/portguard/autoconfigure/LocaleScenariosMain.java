package dev.portguard.autoconfigure;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs real start-ups, one after the other, in a JVM of its own that {@code LocalizedStartUpIntegrationTests}
 * starts under another locale, so that every bind failure carries the C library's words in that language. Each
 * argument is one scenario, {@code name:port}:
 * <ul>
 * <li>{@code retry-tomcat}, {@code retry-netty}: auto-port on; a squatter takes the chosen server port (and, for
 * Tomcat, the chosen port of a listener bound through {@code ManagedPorts.bind}) between resolution and the bind;
 * prints the ports bound and the server's answer;</li>
 * <li>{@code analysis-tomcat}, {@code analysis-jetty}, {@code analysis-netty}: auto-port off, the port held by the
 * test; the failure analysis goes to the log.</li>
 * </ul>
 */
public final class LocaleScenariosMain {

	private static final String TOMCAT_SERVLET = "org.springframework.boot.tomcat.autoconfigure.servlet."
			+ "TomcatServletWebServerAutoConfiguration";

	private static final String JETTY_SERVLET = "org.springframework.boot.jetty.autoconfigure.servlet."
			+ "JettyServletWebServerAutoConfiguration";

	private static final String REACTIVE_OTHERS = "org.springframework.boot.tomcat.autoconfigure.reactive."
			+ "TomcatReactiveWebServerAutoConfiguration,"
			+ "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration";

	private LocaleScenariosMain() {
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		out.println("system.in-use=" + inUseMessage());
		out.println("netty.native=" + nettyNative());
		for (String scenario : args) {
			String[] parts = scenario.split(":");
			String name = parts[0];
			int port = Integer.parseInt(parts[1]);
			switch (name) {
				case "retry-tomcat" -> retry(out, name, WebApplicationType.SERVLET, JETTY_SERVLET, port,
						Integer.parseInt(parts[2]));
				case "retry-netty" -> retry(out, name, WebApplicationType.REACTIVE, REACTIVE_OTHERS, port, -1);
				case "analysis-tomcat" -> analysis(out, name, WebApplicationType.SERVLET, JETTY_SERVLET, port);
				case "analysis-jetty" -> analysis(out, name, WebApplicationType.SERVLET,
						TOMCAT_SERVLET + "," + PortguardTomcatAutoConfiguration.class.getName(), port);
				case "analysis-netty" -> analysis(out, name, WebApplicationType.REACTIVE, REACTIVE_OTHERS, port);
				default -> throw new IllegalArgumentException("Unknown scenario " + name);
			}
		}
	}

	private static void retry(PrintStream out, String name, WebApplicationType type, String exclude, int port,
			int echo) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--portguard.auto=true", "--server.port=" + port));
		List<String> squatted = new ArrayList<>(List.of("server"));
		if (echo > 0) {
			squatted.add("echo");
			arguments.addAll(List.of("--test.echo=true", "--sample.echo.port=" + echo,
					"--portguard.ports.echo.property=sample.echo.port", "--portguard.ports.echo.address=127.0.0.1",
					"--portguard.ports.echo.owner-releases=true"));
		}
		try (Squatter squatter = new Squatter();
				ConfigurableApplicationContext context = run(type, exclude, squatter.take(squatted.toArray(String[]::new)),
						arguments)) {
			int bound = ((WebServerApplicationContext) context).getWebServer().getPort();
			out.println(name + ".port=" + bound);
			if (echo > 0) {
				out.println(name + ".echo=" + context.getEnvironment().getProperty("sample.echo.port"));
			}
			out.println(name + ".answer=" + get(bound));
		}
	}

	private static void analysis(PrintStream out, String name, WebApplicationType type, String exclude, int port) {
		try (ConfigurableApplicationContext context = run(type, exclude, null,
				List.of("--portguard.auto=false", "--server.port=" + port))) {
			out.println(name + ".started=true");
		}
		catch (RuntimeException ex) {
			out.println(name + ".failed=" + ex.getClass().getName());
		}
	}

	private static ConfigurableApplicationContext run(WebApplicationType type, String exclude,
			org.springframework.context.ApplicationContextInitializer<ConfigurableApplicationContext> initializer,
			List<String> args) {
		SpringApplication application = new SpringApplication(BindRetryIntegrationTests.WebApp.class);
		application.setWebApplicationType(type);
		if (initializer != null) {
			application.addInitializers(initializer);
		}
		List<String> arguments = new ArrayList<>(List.of("--server.address=127.0.0.1", "--spring.main.banner-mode=off",
				"--spring.autoconfigure.exclude=" + exclude));
		arguments.addAll(args);
		return application.run(arguments.toArray(String[]::new));
	}

	private static String get(int port) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	/**
	 * Return what this JVM says when a port it listens on is bound a second time: the language check.
	 */
	private static String inUseMessage() throws IOException {
		try (ServerSocketChannel holder = ServerSocketChannel.open()) {
			holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			try (ServerSocketChannel second = ServerSocketChannel.open()) {
				second.bind(holder.getLocalAddress());
				return "(bound twice)";
			}
			catch (BindException ex) {
				return ex.getMessage();
			}
		}
	}

	private static boolean nettyNative() {
		try {
			boolean available = (Boolean) Class.forName("io.netty.channel.epoll.Epoll")
				.getMethod("isAvailable")
				.invoke(null);
			return available && Boolean.parseBoolean(System.getProperty("reactor.netty.native", "true"));
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

}
