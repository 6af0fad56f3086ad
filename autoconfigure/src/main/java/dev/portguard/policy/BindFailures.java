package dev.portguard.policy;

import java.io.IOException;
import java.net.BindException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads a server's bind failure, whatever shape it reaches the application in: a JDK {@link BindException}, or a
 * native transport's exception (Netty's epoll reports {@code bind(..) failed: Address already in use} without a
 * {@code BindException} in the chain).
 */
public final class BindFailures {

	private BindFailures() {
	}

	/**
	 * Classify a failed bind the way the probe does: in use, permission denied, cannot assign requested address,
	 * or another error.
	 * @param failure the exception the bind threw
	 * @return the outcome
	 */
	public static CandidateOutcome classify(BindException failure) {
		return BindPortProbe.classify(failure);
	}

	/**
	 * Return the operating system's "in use" message if the failure, or one of its causes, is a bind that failed
	 * because another socket holds the port; {@code null} for any other failure, including "permission denied" and
	 * "cannot assign requested address".
	 * @param failure the failure
	 * @return the message, or {@code null}
	 */
	public static @Nullable String inUse(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
			String message = current.getMessage();
			if (current instanceof BindException bind) {
				if (BindPortProbe.classify(bind) == CandidateOutcome.IN_USE) {
					return message;
				}
				return null;
			}
			if (current instanceof IOException || current.getClass().getName().startsWith("io.netty.")
					|| current.getClass().getName().startsWith("reactor.netty.")) {
				if (message != null && message.toLowerCase(Locale.ROOT).contains("address already in use")) {
					return message;
				}
			}
		}
		return null;
	}

}
