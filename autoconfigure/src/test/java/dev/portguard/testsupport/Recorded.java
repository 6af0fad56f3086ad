package dev.portguard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Command outputs recorded on real systems, kept under {@code src/test/resources/holder/recorded}: each file opens
 * with {@code # } lines naming its public source, then the output as recorded.
 */
public final class Recorded {

	private Recorded() {
	}

	/**
	 * Read a recorded output without its source lines.
	 * @param name the file under {@code holder/recorded}, such as {@code windows/netstat-ano-zh.txt}
	 * @return the output
	 */
	public static String output(String name) {
		try (InputStream in = Recorded.class.getResourceAsStream("/holder/recorded/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No recorded output " + name);
			}
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int start = 0;
			while (text.startsWith("# ", start)) {
				int end = text.indexOf('\n', start);
				start = (end < 0) ? text.length() : end + 1;
			}
			return text.substring(start);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
