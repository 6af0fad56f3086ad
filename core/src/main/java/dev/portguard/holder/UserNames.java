package dev.portguard.holder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves a Unix user id to its name from {@code /etc/passwd}, falling back to the number. At most
 * {@value #MAX_BYTES} bytes of the file are read, and only when it is a regular file: a directory service's huge
 * export or a planted link never reaches the heap whole.
 */
final class UserNames {

	static final int MAX_BYTES = 4 * 1024 * 1024;

	private UserNames() {
	}

	static String of(int uid, Path proc) {
		Path passwd = proc.resolveSibling("etc").resolve("passwd");
		String id = Integer.toString(uid);
		if (!Files.isRegularFile(passwd, LinkOption.NOFOLLOW_LINKS) && !isSystemLink(passwd)) {
			return id;
		}
		try (InputStream in = Files.newInputStream(passwd)) {
			String content = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
			int start = 0;
			while (start < content.length()) {
				int end = content.indexOf('\n', start);
				if (end < 0) {
					end = content.length();
				}
				String line = content.substring(start, end);
				start = end + 1;
				int first = line.indexOf(':');
				int second = (first < 0) ? -1 : line.indexOf(':', first + 1);
				int third = (second < 0) ? -1 : line.indexOf(':', second + 1);
				if (third > 0 && line.substring(second + 1, third).equals(id)) {
					String name = line.substring(0, first);
					return (name.length() <= 256) ? name : id;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Fall back to the number.
		}
		return id;
	}

	/**
	 * Return whether {@code /etc/passwd} is a link owned by root, as some systems ship it: followed, as only root
	 * could have put it there.
	 */
	private static boolean isSystemLink(Path passwd) {
		try {
			return Files.isSymbolicLink(passwd) && Files.getOwner(passwd, LinkOption.NOFOLLOW_LINKS).getName()
				.equals("root");
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
