package dev.portguard.autoconfigure;

import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import dev.portguard.policy.BindFailures;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.PortResolutionException;
import dev.portguard.policy.Resolution;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContext;

/**
 * Binds a web server on the port portguard chose, and when the bind fails because another process took that port
 * since, binds again on the next candidate of the same policy. Only "in use" is retried; after the last candidate
 * the failure is Boot's {@link PortInUseException}, so the failure analysis takes over.
 */
final class BindRetry {

	private final @Nullable ManagedPorts ports;

	private BindRetry(@Nullable ManagedPorts ports) {
		this.ports = ports;
	}

	/**
	 * Find portguard's state for the server of a context: the management server's child context reads its
	 * parent's.
	 * @param context the context, or {@code null}
	 * @return the retry
	 */
	static BindRetry of(@Nullable ApplicationContext context) {
		for (ApplicationContext current = context; current != null; current = current.getParent()) {
			PortguardPropertySource source = PortguardPropertySource.find(current.getEnvironment());
			if (source != null) {
				return new BindRetry(source.getPorts());
			}
		}
		return new BindRetry(null);
	}

	/**
	 * Bind, retrying on the next candidate while the port is in use.
	 * @param <T> the result of a successful bind
	 * @param port the port the server is configured with
	 * @param setPort applies a new port to the server's factory
	 * @param attempt binds on the given port, throwing on failure
	 * @return the result of the bind that succeeded
	 */
	<T> T bind(int port, IntConsumer setPort, IntFunction<T> attempt) {
		Optional<Resolution> managed = (this.ports != null) ? this.ports.findResolved(port) : Optional.empty();
		if (this.ports == null || managed.isEmpty()) {
			return attempt.apply(port);
		}
		String name = managed.get().name();
		int current = port;
		while (true) {
			this.ports.release(name);
			try {
				return attempt.apply(current);
			}
			catch (RuntimeException ex) {
				String inUse = BindFailures.inUse(ex);
				if (inUse == null) {
					throw ex;
				}
				Resolution next;
				try {
					next = this.ports.rebind(name, inUse);
				}
				catch (PortResolutionException exhausted) {
					PortInUseException failure = new PortInUseException(current, ex);
					failure.addSuppressed(exhausted);
					throw failure;
				}
				current = next.resolved();
				setPort.accept(current);
			}
		}
	}

}
