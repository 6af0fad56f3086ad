package dev.portguard.holder;

/**
 * A range of ports Windows keeps from applications: reserved by Hyper-V, WSL, Docker or the NAT driver, or by an
 * administrator ({@code netsh int ipv4 add excludedportrange}). A bind of a port in it fails as if the port were
 * in use, while no process holds it.
 *
 * @param start the first port
 * @param end the last port
 * @param administered whether an administrator reserved it (marked {@code *} by {@code netsh})
 */
public record ExcludedPortRange(int start, int end, boolean administered) {

	/**
	 * Return whether the range contains a port.
	 * @param port the port
	 * @return whether it is in the range
	 */
	public boolean contains(int port) {
		return port >= this.start && port <= this.end;
	}

	/**
	 * Return how many ports the range holds.
	 * @return the number of ports
	 */
	public int size() {
		return this.end - this.start + 1;
	}

}
