package dev.portguard.testsupport;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;

import dev.portguard.policy.PortProbe;

/**
 * The class path of a child JVM that runs a test's own main class with portguard's classes and nothing else: this
 * module's classes and test classes, and portguard-core's classes wherever the build put them (the reactor's
 * {@code core/target/classes}, or the installed jar).
 */
public final class ClassPath {

	private ClassPath() {
	}

	/**
	 * Return the class path.
	 * @return the entries, joined with the path separator
	 */
	public static String ofPortguard() {
		return Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator
				+ Path.of("target/classes").toAbsolutePath() + File.pathSeparator + locationOf(PortProbe.class);
	}

	private static Path locationOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
