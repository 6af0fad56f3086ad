package dev.portguard.autoconfigure;

import java.util.Map;

import dev.portguard.policy.ResolutionReport;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The property source, first in the environment, that publishes the ports portguard chose and carries the
 * {@link ResolutionReport} to the beans created later.
 */
final class PortguardPropertySource extends MapPropertySource {

	static final String NAME = "portguard";

	private final ResolutionReport report;

	PortguardPropertySource(Map<String, Object> ports, ResolutionReport report) {
		super(NAME, ports);
		this.report = report;
	}

	ResolutionReport getReport() {
		return this.report;
	}

	static void attach(ConfigurableEnvironment environment, PortguardPropertySource source) {
		environment.getPropertySources().remove(NAME);
		environment.getPropertySources().addFirst(source);
	}

	static @Nullable ResolutionReport findReport(Environment environment) {
		if (environment instanceof ConfigurableEnvironment configurable) {
			PropertySource<?> source = configurable.getPropertySources().get(NAME);
			if (source instanceof PortguardPropertySource portguard) {
				return portguard.getReport();
			}
		}
		return null;
	}

}
