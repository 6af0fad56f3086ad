package dev.portguard.registry;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an application that was not running could not be started: its command could not be run, it exited
 * before it was up, or it was not up in time. The message quotes the end of its output.
 */
public class InstanceStartException extends Exception {

	/**
	 * Create an exception.
	 * @param message what happened, with the end of the application's output
	 * @param cause the failure, or {@code null}
	 */
	public InstanceStartException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception.
	 * @param message what happened
	 */
	public InstanceStartException(String message) {
		super(message);
	}

}
