package dev.portguard.policy;

/**
 * An inclusive range of ports scanned after the consecutive ports, such as {@code 10000-10100}.
 *
 * @param first the lowest port of the range
 * @param last the highest port of the range
 */
public record PortRange(int first, int last) {

	/**
	 * Create a range, checking its bounds.
	 * @param first the lowest port of the range
	 * @param last the highest port of the range
	 */
	public PortRange {
		if (first < 1 || last > PortValues.MAX_PORT || first > last) {
			throw new IllegalArgumentException("Invalid port range " + first + "-" + last);
		}
	}

	@Override
	public String toString() {
		return this.first + "-" + this.last;
	}

}
