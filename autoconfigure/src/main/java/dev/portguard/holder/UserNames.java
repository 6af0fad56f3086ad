package dev.portguard.holder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a Unix user id to its name from {@code /etc/passwd}, falling back to the number.
 */
final class UserNames {

	private UserNames() {
	}

	static String of(int uid, Path proc) {
		Path passwd = proc.resolveSibling("etc").resolve("passwd");
		try {
			for (String line : Files.readAllLines(passwd)) {
				String[] fields = line.split(":");
				if (fields.length > 2 && fields[2].equals(Integer.toString(uid))) {
					return fields[0];
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Fall back to the number.
		}
		return Integer.toString(uid);
	}

}
