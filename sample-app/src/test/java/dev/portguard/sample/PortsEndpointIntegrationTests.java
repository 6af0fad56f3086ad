package dev.portguard.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of {@code /actuator/ports}, its health contribution and metrics, over real HTTP against the
 * packaged sample app, with its preferred port held by Python's http.server.
 */
class PortsEndpointIntegrationTests {

	private final Processes processes = new Processes();

	@AfterEach
	void stopProcesses() {
		this.processes.close();
	}

	@Test
	void jsonReportsEveryManagedPortWithItsHolder() {
		int port = Processes.freeBlock(3);
		int echo = Processes.freeBlock(1);
		Processes.Running python = this.processes.python("127.0.0.1", port);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port, "--sample.echo.port=" + echo,
				"--management.endpoints.web.exposure.include=health,ports,metrics");
		int actual = app.awaitStarted();
		assertThat(actual).isEqualTo(port + 1);
		String json = Processes.get(actual, "/actuator/ports");
		assertThat((Boolean) JsonPath.read(json, "$.policy.auto")).isTrue();
		assertThat((List<String>) JsonPath.read(json, "$.ports[*].name")).containsExactly("server", "echo");
		Map<String, Object> server = JsonPath.read(json, "$.ports[0]");
		assertThat(server).containsEntry("property", "server.port")
			.containsEntry("requested", port)
			.containsEntry("actual", port + 1)
			.containsEntry("status", "fallback")
			.containsEntry("address", "127.0.0.1")
			.containsEntry("exposure", "loopback")
			.containsEntry("reason", "port " + port + " was in use; it is held now by python3 (pid " + python.pid()
					+ ")");
		assertThat((List<Integer>) JsonPath.read(json, "$.ports[0].candidates[*].port")).containsExactly(port,
				port + 1);
		assertThat((List<String>) JsonPath.read(json, "$.ports[0].candidates[*].outcome")).containsExactly("in use",
				"free");
		assertThat((Number) JsonPath.read(json, "$.ports[0].resolutionMillis")).isNotNull();
		assertThat(((Number) JsonPath.read(json, "$.ports[0].heldBy.pid")).longValue()).isEqualTo(python.pid());
		assertThat((String) JsonPath.read(json, "$.ports[0].heldBy.process")).isEqualTo("python3");
		assertThat((String) JsonPath.read(json, "$.ports[0].heldBy.commandLine")).contains("http.server " + port);
		Map<String, Object> echoPort = JsonPath.read(json, "$.ports[1]");
		assertThat(echoPort).containsEntry("actual", echo).containsEntry("status", "preferred");
		assertThat((List<Integer>) JsonPath.read(json, "$.systemPorts[*].port")).contains(port, port + 1, echo);
		String one = Processes.get(actual, "/actuator/ports/echo");
		assertThat((String) JsonPath.read(one, "$.property")).isEqualTo("sample.echo.port");
		assertThat(Processes.request(actual, "/actuator/ports/nope", null).statusCode()).isEqualTo(404);
		String health = Processes.get(actual, "/actuator/health");
		assertThat((String) JsonPath.read(health, "$.components.ports.status")).isEqualTo("UP");
		assertThat((String) JsonPath.read(health, "$.components.ports.details.server.status")).isEqualTo("fallback");
		String gauge = Processes.get(actual, "/actuator/metrics/portguard.port?tag=name:server");
		assertThat(((Number) JsonPath.read(gauge, "$.measurements[0].value")).intValue()).isEqualTo(port + 1);
		String fallbacks = Processes.get(actual, "/actuator/metrics/portguard.fallbacks");
		assertThat(((Number) JsonPath.read(fallbacks, "$.measurements[0].value")).intValue()).isEqualTo(1);
	}

	@Test
	void withoutShowDetailsAHeldPortIsReportedButNotByWhom() {
		int port = Processes.freeBlock(3);
		this.processes.python("127.0.0.1", port);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1), "--management.endpoint.ports.show-details=never");
		int actual = app.awaitStarted();
		String json = Processes.get(actual, "/actuator/ports");
		assertThat((Boolean) JsonPath.read(json, "$.ports[0].heldBy.held")).isTrue();
		assertThat((Object) JsonPath.read(json, "$.ports[0].heldBy.pid")).isNull();
		assertThat((Object) JsonPath.read(json, "$.ports[0].heldBy.commandLine")).isNull();
		assertThat((String) JsonPath.read(json, "$.ports[0].reason")).endsWith("it is held now by another process");
		// Without details the host's listeners are not listed at all: they name other users' addresses and ports.
		assertThat((List<Object>) JsonPath.read(json, "$.systemPorts")).isEmpty();
		assertThat((Integer) JsonPath.read(json, "$.host.listeners")).isPositive();
		assertThat(json).doesNotContain("python3").doesNotContain("http.server");
	}

	@Test
	void machinesGetJsonAndBrowsersGetTheDashboard() {
		int port = Processes.freeBlock(1);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1));
		int actual = app.awaitStarted();
		for (String accept : new String[] { null, "*/*", "application/json",
				"application/vnd.spring-boot.actuator.v3+json", "application/json, */*" }) {
			HttpResponse<String> response = Processes.request(actual, "/actuator/ports", accept);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(accept).contains("json");
			assertThat(response.body()).startsWith("{");
		}
		HttpResponse<String> html = Processes.request(actual, "/actuator/ports",
				"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");
		assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("<table id=\"ports\">");
	}

	@Test
	void whenNotExposedTheEndpointIsNotFound() {
		int port = Processes.freeBlock(1);
		Processes.Running app = this.processes.sampleApp("--server.port=" + port,
				"--sample.echo.port=" + Processes.freeBlock(1), "--management.endpoints.web.exposure.include=health");
		int actual = app.awaitStarted();
		assertThat(Processes.request(actual, "/actuator/ports", null).statusCode()).isEqualTo(404);
		assertThat(Processes.get(actual, "/actuator/health")).contains("\"ports\"");
	}

}
