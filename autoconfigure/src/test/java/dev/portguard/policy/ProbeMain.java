package dev.portguard.policy;

import java.net.InetAddress;

/**
 * Probes one port and prints the outcome; started by tests as a separate process under another user.
 */
public final class ProbeMain {

	private ProbeMain() {
	}

	public static void main(String[] args) throws Exception {
		ProbeResult result = PortProbe.bind().probe(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
		System.out.println(result.outcome() + " " + result.message());
	}

}
