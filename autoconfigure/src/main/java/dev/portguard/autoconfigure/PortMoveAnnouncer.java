package dev.portguard.autoconfigure;

import java.util.function.BiConsumer;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Says so in one WARN line when a managed port moves after start-up began (the web servers' bind-time retry, or
 * {@link ManagedPorts#bind} for a port of the application's own), and publishes the new port in portguard's
 * property source so that the environment keeps telling the truth.
 */
final class PortMoveAnnouncer implements BiConsumer<Integer, Resolution> {

	private static final Log logger = LogFactory.getLog(PortMoveAnnouncer.class);

	private final PortguardPropertySource source;

	PortMoveAnnouncer(PortguardPropertySource source) {
		this.source = source;
	}

	@Override
	public void accept(Integer takenPort, Resolution next) {
		logger.warn(next.describeRebind(takenPort));
		this.source.publish(next.property(), next.resolved());
	}

}
