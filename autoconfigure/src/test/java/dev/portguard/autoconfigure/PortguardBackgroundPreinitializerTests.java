package dev.portguard.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortguardBackgroundPreinitializer}.
 */
class PortguardBackgroundPreinitializerTests {

	@Test
	void isRegisteredWithBootsBackgroundPreinitialization() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(BackgroundPreinitializer.class))
			.hasAtLeastOneElementOfType(PortguardBackgroundPreinitializer.class);
	}

	@Test
	void namesOnlyClassesThatExist() {
		assertThat(PortguardBackgroundPreinitializer.CLASSES)
			.allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, getClass().getClassLoader()))
				.as(name)
				.isTrue());
	}

}
