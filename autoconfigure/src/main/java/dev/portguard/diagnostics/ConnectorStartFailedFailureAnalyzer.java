package dev.portguard.diagnostics;

import dev.portguard.holder.PortConflictAnalysis;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.BindFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.tomcat.ConnectorStartFailedException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains Tomcat's {@link ConnectorStartFailedException} (an additional connector that could not start) when its
 * port is in use, as {@link PortInUseFailureAnalyzer} does for the main connector.
 */
class ConnectorStartFailedFailureAnalyzer extends AbstractFailureAnalyzer<ConnectorStartFailedException>
		implements Ordered {

	private final @Nullable Environment environment;

	private final PortHolderLocator locator;

	ConnectorStartFailedFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
		this.locator = PortHolderLocator.forThisMachine();
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, ConnectorStartFailedException cause) {
		if (BindFailures.inUse(rootFailure) == null && !PortProbes.isInUse(cause.getPort())) {
			return null;
		}
		PortConflictAnalysis analysis = PortConflicts.analyze(cause.getPort(), this.environment, this.locator);
		return new FailureAnalysis(analysis.description("The Tomcat connector configured to listen on port "
				+ cause.getPort() + " failed to start. " + analysis.where() + " is already in use."),
				analysis.action(), cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
