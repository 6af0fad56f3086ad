package dev.portguard.holder;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BindConflicts}, each case checked against the kernel: a real listener on the first address and a
 * real bind of the second, with the rule's answer compared to what the bind did.
 */
class BindConflictsTests {

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, 127.0.0.3", "127.0.0.1, 127.0.0.1", "0.0.0.0, 127.0.0.3", "127.0.0.3, 0.0.0.0",
			"::, 127.0.0.1", "::1, 127.0.0.1", "127.0.0.1, ::1", "::1, ::1", "0.0.0.0, ::1", "::1, ::",
			"127.0.0.1, ::", "::1, 0.0.0.0", "::, 0.0.0.0", "127.0.0.1, 0.0.0.0" })
	void theRuleAgreesWithTheKernel(String listener, String bind) throws Exception {
		InetAddress listenerAddress = InetAddress.getByName(listener);
		InetAddress bindAddress = InetAddress.getByName(bind);
		try (java.nio.channels.ServerSocketChannel first = java.nio.channels.ServerSocketChannel.open()) {
			first.bind(new java.net.InetSocketAddress(listenerAddress, 0));
			int port = ((java.net.InetSocketAddress) first.getLocalAddress()).getPort();
			boolean kernelSaysConflict;
			try (java.nio.channels.ServerSocketChannel second = java.nio.channels.ServerSocketChannel.open()) {
				second.bind(new java.net.InetSocketAddress(bindAddress, port));
				kernelSaysConflict = false;
			}
			catch (java.net.BindException ex) {
				kernelSaysConflict = true;
			}
			String listening = (listener.contains(":") ? "[" + listener + "]" : listener) + ":" + port;
			assertThat(BindConflicts.conflicts(listening, bindAddress)).as("%s against a bind of %s", listening, bind)
				.isEqualTo(kernelSaysConflict);
		}
	}

	@ParameterizedTest
	@CsvSource({ "*:8080", "localhost:8080" })
	void aListenerWhoseAddressIsNotALiteralIsTakenToConflict(String listening) throws UnknownHostException {
		assertThat(BindConflicts.address(listening)).isNull();
		assertThat(BindConflicts.conflicts(listening, InetAddress.getByName("127.0.0.3"))).isTrue();
	}

	@Test
	void aZoneIsLeftOutOfAListenersAddress() throws UnknownHostException {
		assertThat(BindConflicts.address("[fe80::1%eth0]:8080")).isEqualTo(InetAddress.getByName("fe80::1"));
	}

}
