package dev.portguard.testsupport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Holds a port with a listening socket until killed; started by tests as a second JVM.
 */
public final class HoldPortMain {

	private HoldPortMain() {
	}

	public static void main(String[] args) throws Exception {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
			System.out.println("HOLDING " + socket.getLocalPort());
			System.out.flush();
			while (true) {
				socket.accept().close();
			}
		}
	}

}
