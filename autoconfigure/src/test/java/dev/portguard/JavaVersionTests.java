package dev.portguard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves which Java the tests run on: the build targets release 17, and the {@code java-25} profile runs a subset of
 * the tests a second time on Java 25 with {@code expected.java.feature=25}.
 */
class JavaVersionTests {

	@Test
	void testsRunOnTheExpectedJava() {
		Integer expected = Integer.getInteger("expected.java.feature");
		if (expected != null) {
			assertThat(Runtime.version().feature()).isEqualTo(expected);
		}
		else {
			assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
		}
	}

	@Test
	void portguardIsCompiledForJava17() throws Exception {
		try (var in = getClass().getResourceAsStream("/dev/portguard/policy/BindFailures.class")) {
			byte[] header = in.readNBytes(8);
			int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
			assertThat(major).as("class file major version (61 is Java 17)").isEqualTo(61);
		}
	}

}
