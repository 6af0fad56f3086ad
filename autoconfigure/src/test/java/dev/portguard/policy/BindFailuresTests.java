package dev.portguard.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;

import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BindFailures}.
 */
class BindFailuresTests {

	@Test
	void realInUseBindFailureDeepInTheChainIsRecognised() throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(null, port)) {
			UncheckedIOException failure = null;
			try {
				Sockets.listen(null, port).close();
			}
			catch (UncheckedIOException ex) {
				failure = ex;
			}
			assertThat(failure).isNotNull();
			RuntimeException wrapped = new IllegalStateException("Unable to start embedded Tomcat",
					new RuntimeException("connector", failure));
			assertThat(BindFailures.inUse(wrapped)).containsIgnoringCase("in use");
		}
	}

	@Test
	void permissionDeniedAndCannotAssignAreNotInUse() {
		assertThat(BindFailures.inUse(new RuntimeException(new BindException("Permission denied")))).isNull();
		assertThat(BindFailures.inUse(new RuntimeException(new BindException("Cannot assign requested address"))))
			.isNull();
		assertThat(BindFailures.inUse(new IllegalStateException("Address already in use"))).isNull();
	}

	@Test
	void nativeTransportMessageIsRecognised() {
		IOException nativeFailure = new IOException("bind(..) failed: Address already in use");
		assertThat(BindFailures.inUse(new RuntimeException(nativeFailure)))
			.isEqualTo("bind(..) failed: Address already in use");
	}

}
