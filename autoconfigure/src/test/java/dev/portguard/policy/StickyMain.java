package dev.portguard.policy;

import java.net.InetAddress;

/**
 * Resolves one port with a sticky port and prints the port chosen and every candidate tried; started by tests as a
 * separate process under another user.
 */
public final class StickyMain {

	private StickyMain() {
	}

	public static void main(String[] args) throws Exception {
		PortRequest request = PortRequest.of("server", "server.port", Integer.parseInt(args[1]),
				InetAddress.getLoopbackAddress()).withSticky(Integer.parseInt(args[0]));
		Resolution resolution = new PortResolver(PortProbe.bind(), false).resolve(java.util.List.of(request)).get(0);
		StringBuilder text = new StringBuilder(String.valueOf(resolution.resolved()));
		for (Candidate candidate : resolution.candidates()) {
			text.append(' ').append(candidate.port()).append(':').append(candidate.outcome());
		}
		System.out.println(text);
	}

}
