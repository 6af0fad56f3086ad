package dev.portguard.policy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the preferred port, resolves it with the alternatives and range given, and prints the port chosen (or why
 * none was), every candidate tried and the move's log line; started by tests as a separate process under a user
 * without privilege.
 */
public final class PrivilegedCandidatesMain {

	private PrivilegedCandidatesMain() {
	}

	/**
	 * Run one resolution.
	 * @param args the preferred port, whether to hold it first ({@code held} or {@code free}), the alternatives
	 * ({@code -} for none), the number of attempts, and the range ({@code -} for none)
	 * @throws Exception if the preferred port cannot be held
	 */
	public static void main(String[] args) throws Exception {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		int preferred = Integer.parseInt(args[0]);
		List<Integer> alternatives = new ArrayList<>();
		if (!args[2].equals("-")) {
			for (String alternative : args[2].split(",")) {
				alternatives.add(Integer.parseInt(alternative));
			}
		}
		PortRange range = args[4].equals("-") ? null : PortValues.parseRange("portguard.range", args[4]);
		PortRequest request = new PortRequest("server", "server.port", preferred, loopback, alternatives,
				Integer.parseInt(args[3]), range, WhenExhausted.FAIL);
		try (ServerSocket holder = new ServerSocket()) {
			if (args[1].equals("held")) {
				holder.bind(new InetSocketAddress(loopback, preferred));
			}
			try {
				Resolution resolution = new PortResolver(PortProbe.bind(), false).resolve(List.of(request)).get(0);
				System.out.println("resolved " + resolution.resolved());
				for (Candidate candidate : resolution.candidates()) {
					System.out.println(candidate.port() + " " + candidate.source() + " " + candidate.outcome() + " "
							+ candidate.detail());
				}
				System.out.println(resolution.describeMove());
			}
			catch (PortResolutionException ex) {
				System.out.println("failed " + ex.getReason());
				for (Candidate candidate : ex.getCandidates()) {
					System.out.println(candidate.port() + " " + candidate.source() + " " + candidate.outcome() + " "
							+ candidate.detail());
				}
			}
		}
	}

}
