package dev.portguard.policy;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Learns this system's words for the bind errors, then provokes each error for real and prints what the JDK said
 * and how portguard classified it, by the words alone (no port or address given as evidence). Started in a JVM of
 * its own, under another locale, by {@code LocalizedStartUpIntegrationTests}; one {@code key=value} line each.
 */
public final class BindTextsMain {

	private BindTextsMain() {
	}

	public static void main(String[] args) throws IOException {
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		BindErrorTexts texts = BindErrorTexts.learn();
		out.println("learned.in-use=" + texts.inUse());
		out.println("learned.not-available=" + texts.notAvailable());
		out.println("learned.permission-denied=" + texts.permissionDenied());
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (ServerSocketChannel holder = ServerSocketChannel.open()) {
			holder.bind(new InetSocketAddress(loopback, 0));
			report(out, "in-use", holder.getLocalAddress());
		}
		report(out, "not-available", new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0));
		report(out, "privileged", new InetSocketAddress(loopback, 80));
	}

	private static void report(PrintStream out, String what, java.net.SocketAddress address) {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(address);
			out.println(what + ".bound=true");
		}
		catch (BindException ex) {
			out.println(what + ".message=" + ex.getMessage());
			out.println(what + ".outcome=" + BindFailures.classify(new IllegalStateException("wrapped", ex)));
		}
		catch (IOException ex) {
			out.println(what + ".error=" + ex);
		}
	}

}
