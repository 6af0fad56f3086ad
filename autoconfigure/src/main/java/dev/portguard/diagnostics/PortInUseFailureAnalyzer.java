package dev.portguard.diagnostics;

import dev.portguard.holder.PortConflictAnalysis;
import dev.portguard.holder.PortHolderLocator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains Boot's {@link PortInUseException} (Tomcat, Jetty, Reactor Netty) with the process or container that
 * holds the port and the commands that free it, in place of Boot's own analysis.
 */
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> implements Ordered {

	private final @Nullable Environment environment;

	private final PortHolderLocator locator;

	PortInUseFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
		this.locator = PortHolderLocator.forThisMachine();
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
		PortConflictAnalysis analysis = PortConflicts.analyze(cause.getPort(), this.environment, this.locator);
		return new FailureAnalysis(
				analysis.description("Web server failed to start. " + analysis.where() + " is already in use."),
				analysis.action(), cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
