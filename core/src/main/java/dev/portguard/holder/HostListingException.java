package dev.portguard.holder;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the host's listening sockets could not be listed (the listing failed or took too long): never
 * mistaken for a host where nothing listens.
 */
public class HostListingException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message why the listing failed
	 * @param cause the failure, or {@code null}
	 */
	public HostListingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
