package dev.portguard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the read commands once against a port this process holds and an empty registry, so that the build can record
 * the classes they load in a class-data-sharing archive ({@code -XX:ArchiveClassesAtExit}); the {@code portguard}
 * launcher starts the JVM with that archive, which saves most of the class loading a command people type would
 * otherwise pay.
 */
public final class CdsTraining {

	private CdsTraining() {
	}

	public static void main(String[] args) throws IOException {
		Path registry = Files.createTempDirectory("portguard-cds");
		PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			String port = String.valueOf(socket.getLocalPort());
			String directory = registry.toString();
			PortguardCommand.run(new String[] { "who", port }, sink, sink, directory);
			PortguardCommand.run(new String[] { "who", port, "--json" }, sink, sink, directory);
			PortguardCommand.run(new String[] { "check", port, "1" }, sink, sink, directory);
			PortguardCommand.run(new String[] { "ps" }, sink, sink, directory);
			PortguardCommand.run(new String[] { "url", "portguard-cds-training" }, sink, sink, directory);
			PortguardCommand.run(new String[] { "port", "portguard-cds-training", "--json" }, sink, sink, directory);
			PortguardCommand.run(new String[] { "--help" }, sink, sink, directory);
		}
		finally {
			Files.deleteIfExists(registry);
		}
	}

}
