package dev.portguard.policy;

import java.net.InetAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One managed port as configured: the property that carries it, the port asked for, the address it is bound to,
 * and the policy that picks a replacement when it is taken.
 *
 * @param name the managed port's name, such as {@code server} or {@code echo}
 * @param property the property the port is read from and published to, such as {@code server.port}
 * @param requested the port asked for; {@code 0} for random, {@code -1} for disabled
 * @param address the address the port will be bound on, or {@code null} for every interface
 * @param alternatives ports tried after the preferred one, in order
 * @param maxAttempts how many consecutive ports from the preferred one are tried, the preferred one included
 * @param range ports scanned after the consecutive ones, or {@code null}
 * @param whenExhausted what to do once every candidate is taken
 * @param sticky the port this application bound last time, tried before every other candidate, or {@code 0}
 */
public record PortRequest(String name, String property, int requested, @Nullable InetAddress address,
		List<Integer> alternatives, int maxAttempts, @Nullable PortRange range, WhenExhausted whenExhausted,
		int sticky) {

	/**
	 * Create a request, checking its values.
	 * @param name the managed port's name
	 * @param property the property the port is read from
	 * @param requested the port asked for
	 * @param address the address the port will be bound on
	 * @param alternatives ports tried after the preferred one
	 * @param maxAttempts how many consecutive ports are tried
	 * @param range ports scanned after the consecutive ones
	 * @param whenExhausted what to do once every candidate is taken
	 * @param sticky the port bound last time, or {@code 0}
	 */
	public PortRequest {
		alternatives = List.copyOf(alternatives);
		if (requested < PortValues.DISABLED || requested > PortValues.MAX_PORT) {
			throw new IllegalArgumentException("Invalid port " + requested + " for " + property);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1 for " + property);
		}
	}

	/**
	 * Create a request without a sticky port.
	 * @param name the managed port's name
	 * @param property the property the port is read from
	 * @param requested the port asked for
	 * @param address the address the port will be bound on
	 * @param alternatives ports tried after the preferred one
	 * @param maxAttempts how many consecutive ports are tried
	 * @param range ports scanned after the consecutive ones
	 * @param whenExhausted what to do once every candidate is taken
	 */
	public PortRequest(String name, String property, int requested, @Nullable InetAddress address,
			List<Integer> alternatives, int maxAttempts, @Nullable PortRange range, WhenExhausted whenExhausted) {
		this(name, property, requested, address, alternatives, maxAttempts, range, whenExhausted, 0);
	}

	/**
	 * Return a copy that tries the given port first.
	 * @param port the port bound last time
	 * @return a new request
	 */
	public PortRequest withSticky(int port) {
		return new PortRequest(this.name, this.property, this.requested, this.address, this.alternatives,
				this.maxAttempts, this.range, this.whenExhausted, port);
	}

	/**
	 * Create a request with the default policy: ten consecutive ports, no alternatives, no range, fail when
	 * exhausted.
	 * @param name the managed port's name
	 * @param property the property the port is read from
	 * @param requested the port asked for
	 * @param address the address the port will be bound on
	 * @return a new request
	 */
	public static PortRequest of(String name, String property, int requested, @Nullable InetAddress address) {
		return new PortRequest(name, property, requested, address, List.of(), 10, null, WhenExhausted.FAIL);
	}

	/**
	 * Return whether this request names a fixed port that can be probed (not random, not disabled).
	 * @return whether the port is fixed
	 */
	public boolean isFixed() {
		return this.requested > 0;
	}

}
