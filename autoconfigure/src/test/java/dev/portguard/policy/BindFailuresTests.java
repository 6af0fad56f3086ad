package dev.portguard.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import dev.portguard.testsupport.LibcCatalogues;
import dev.portguard.testsupport.LibcCatalogues.Catalogue;
import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import reactor.netty.ChannelBindException;
import reactor.netty.tcp.TcpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BindFailures} and {@link BindErrorTexts}. The messages in other languages are the C library's own
 * ({@link LibcCatalogues}); {@code LocalizedStartUpIntegrationTests} learns them from real failures in JVMs started
 * under those locales.
 */
class BindFailuresTests {

	static final java.util.List<Catalogue> catalogues = LibcCatalogues.ALL;

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
			assertThat(BindFailures.classify(wrapped)).isEqualTo(CandidateOutcome.IN_USE);
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
	void englishWordsOfEveryJdkAreRead() {
		assertThat(BindFailures.classify(new BindException("Address already in use"))).isEqualTo(CandidateOutcome.IN_USE);
		assertThat(BindFailures.classify(new BindException("Address already in use: bind")))
			.isEqualTo(CandidateOutcome.IN_USE);
		assertThat(BindFailures.classify(new BindException("Permission denied")))
			.isEqualTo(CandidateOutcome.PERMISSION_DENIED);
		assertThat(BindFailures.classify(new BindException(
				"An attempt was made to access a socket in a way forbidden by its access permissions")))
			.isEqualTo(CandidateOutcome.PERMISSION_DENIED);
		assertThat(BindFailures.classify(new BindException("Cannot assign requested address")))
			.isEqualTo(CandidateOutcome.ADDRESS_NOT_AVAILABLE);
		assertThat(BindFailures.classify(new java.net.SocketException("Protocol family unavailable")))
			.isEqualTo(CandidateOutcome.ADDRESS_NOT_AVAILABLE);
		assertThat(BindFailures.classify(new IllegalStateException("no bind here"))).isEqualTo(CandidateOutcome.ERROR);
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("catalogues")
	void everyLanguageIsToldApartByTheSystemsOwnWords(Catalogue catalogue) {
		BindErrorTexts texts = new BindErrorTexts(catalogue.inUse(), catalogue.notAvailable(),
				catalogue.permissionDenied());
		assertThat(BindFailures.english(catalogue.inUse())).as("no English words to lean on").isNull();
		assertThat(BindFailures.classifyBindMessage(catalogue.inUse(), texts)).isEqualTo(CandidateOutcome.IN_USE);
		assertThat(BindFailures.classifyBindMessage(catalogue.notAvailable(), texts))
			.isEqualTo(CandidateOutcome.ADDRESS_NOT_AVAILABLE);
		assertThat(BindFailures.classifyBindMessage(catalogue.permissionDenied(), texts))
			.isEqualTo(CandidateOutcome.PERMISSION_DENIED);
		// Servers and transports add their own words around the system's.
		assertThat(BindFailures.classifyBindMessage(catalogue.inUse() + " /127.0.0.1:8080", texts))
			.isEqualTo(CandidateOutcome.IN_USE);
		assertThat(texts.classify("bind(..) failed with error(-98): " + catalogue.inUse()))
			.isEqualTo(CandidateOutcome.IN_USE);
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("catalogues")
	void asRootPermissionDeniedIsTheOneBindErrorLeft(Catalogue catalogue) {
		// Root opens any file, so the system's "permission denied" is not learned; a bind can still be denied (a
		// container without CAP_NET_BIND_SERVICE) and is then neither of the two known errors.
		BindErrorTexts texts = new BindErrorTexts(catalogue.inUse(), catalogue.notAvailable(), null);
		assertThat(BindFailures.classifyBindMessage(catalogue.permissionDenied(), texts))
			.isEqualTo(CandidateOutcome.PERMISSION_DENIED);
		assertThat(BindFailures.classifyBindMessage(catalogue.inUse(), texts)).isEqualTo(CandidateOutcome.IN_USE);
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("catalogues")
	void withoutTheSystemsWordsAnotherLanguageIsNeverTakenForInUse(Catalogue catalogue) {
		BindErrorTexts unknown = new BindErrorTexts(null, null, null);
		assertThat(BindFailures.classifyBindMessage(catalogue.inUse(), unknown)).isEqualTo(CandidateOutcome.ERROR);
		assertThat(BindFailures.classifyBindMessage(catalogue.permissionDenied(), unknown))
			.isEqualTo(CandidateOutcome.ERROR);
	}

	@Test
	void aTextThatAnotherContainsIsNotUsed() {
		BindErrorTexts texts = new BindErrorTexts("Adresse", "Adresse nicht da", "Keine Berechtigung");
		assertThat(texts.inUse()).isNull();
		assertThat(texts.notAvailable()).isNull();
		assertThat(texts.permissionDenied()).isEqualTo("Keine Berechtigung");
		assertThat(new BindErrorTexts("x", "  ", "y".repeat(500)).inUse()).isNull();
	}

	@Test
	void thisSystemsInUseTextIsLearnedFromARealBind() throws IOException {
		BindErrorTexts texts = BindErrorTexts.learn();
		assertThat(texts).isSameAs(BindErrorTexts.system());
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), port)) {
			UncheckedIOException failure = null;
			try {
				Sockets.listen(Sockets.loopback(), port).close();
			}
			catch (UncheckedIOException ex) {
				failure = ex;
			}
			assertThat(failure).isNotNull();
			assertThat(failure.getCause().getMessage()).isEqualTo(texts.inUse());
		}
	}

	@Test
	void nativeTransportErrorNumberIsReadWhateverTheMessage() throws IOException {
		int port = Sockets.freeBlock(1);
		try (ServerSocket holder = Sockets.listen(Sockets.loopback(), port)) {
			ChannelBindException failure = org.assertj.core.api.Assertions
				.catchThrowableOfType(ChannelBindException.class,
						() -> TcpServer.create().host("127.0.0.1").port(port).bindNow());
			assertThat(failure.getCause().getClass().getName())
				.as("Reactor Netty binds with Netty's native epoll transport here")
				.isEqualTo("io.netty.channel.unix.Errors$NativeIoException");
			assertThat(BindFailures.classify(failure)).isEqualTo(CandidateOutcome.IN_USE);
			assertThat(BindFailures.inUse(new RuntimeException(failure))).isEqualTo(failure.getCause().getMessage());
		}
	}

	@Test
	void anAddressThatNoInterfaceHasCannotBeAssignedWhenTheWordsDoNotTell() throws UnknownHostException {
		InetAddress documentation = InetAddress.getByName("203.0.113.77");
		assertThat(BindFailures.classify(new BindException("?"), documentation, 8080))
			.isEqualTo(CandidateOutcome.ADDRESS_NOT_AVAILABLE);
		assertThat(BindFailures.classify(new BindException("?"), InetAddress.getLoopbackAddress(), 8080))
			.isEqualTo(CandidateOutcome.ERROR);
	}

	@Test
	void firstUnprivilegedPortIsTheKernelsSetting() throws IOException {
		String setting;
		try (java.io.InputStream in = Files.newInputStream(Paths.get("/proc/sys/net/ipv4/ip_unprivileged_port_start"))) {
			setting = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		assertThat(BindFailures.firstUnprivilegedPort()).isEqualTo(Integer.parseInt(setting.trim()));
	}

}
