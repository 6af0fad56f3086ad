package dev.portguard.policy;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * This system's words for the bind errors portguard tells apart, learned once per JVM by provoking each error where
 * that is safe.
 * <p>
 * The JDK throws a {@link BindException} for "address in use", "cannot assign requested address" and "permission
 * denied" alike and exposes no error number: the only mark that tells them apart is the C library's text for the
 * error, in the process's language ({@code Die Adresse wird bereits verwendet} on a German Linux desktop). Rather
 * than carry every language, portguard asks this system what it calls each error:
 * <ul>
 * <li>in use: a second bind of a port this JVM itself listens on, on loopback, given out by the kernel a moment
 * before;</li>
 * <li>cannot assign: a bind of an address reserved for documentation (RFC 5737), which no machine has;</li>
 * <li>permission denied: opening a file of its own that it created without any permission, since the C library
 * words an error the same whatever call failed. As root the open succeeds and nothing is learned; root is not
 * denied a port either.</li>
 * </ul>
 * None of these touches anything but the JVM's own sockets and file. When the first answer is already English (an
 * English or C locale, macOS), learning stops there: the English words cover that system.
 */
final class BindErrorTexts {

	/**
	 * Texts longer than this are not a C library's error text.
	 */
	private static final int MAX_LENGTH = 200;

	/**
	 * Addresses reserved for documentation (RFC 5737): no machine is meant to have them.
	 */
	private static final String[] DOCUMENTATION_ADDRESSES = { "192.0.2.1", "198.51.100.1", "203.0.113.1" };

	private static volatile @Nullable BindErrorTexts learned;

	private final @Nullable String inUse;

	private final @Nullable String notAvailable;

	private final @Nullable String permissionDenied;

	BindErrorTexts(@Nullable String inUse, @Nullable String notAvailable, @Nullable String permissionDenied) {
		String validInUse = valid(inUse);
		String validNotAvailable = valid(notAvailable);
		String validDenied = valid(permissionDenied);
		// A text that another one contains could match the wrong error: such a system keeps neither.
		this.inUse = distinct(validInUse, validNotAvailable, validDenied);
		this.notAvailable = distinct(validNotAvailable, validInUse, validDenied);
		this.permissionDenied = distinct(validDenied, validInUse, validNotAvailable);
	}

	/**
	 * Return this system's texts, learning them on first use.
	 * @return the texts
	 */
	static BindErrorTexts system() {
		BindErrorTexts texts = learned;
		return (texts != null) ? texts : learn();
	}

	/**
	 * Learn this system's texts unless they are known already.
	 * @return the texts
	 */
	static synchronized BindErrorTexts learn() {
		BindErrorTexts texts = learned;
		if (texts == null) {
			texts = provoke();
			learned = texts;
		}
		return texts;
	}

	/**
	 * Return the text of "address already in use", if learned.
	 * @return the text or {@code null}
	 */
	@Nullable String inUse() {
		return this.inUse;
	}

	/**
	 * Return the text of "cannot assign requested address", if learned.
	 * @return the text or {@code null}
	 */
	@Nullable String notAvailable() {
		return this.notAvailable;
	}

	/**
	 * Return the text of "permission denied", if learned.
	 * @return the text or {@code null}
	 */
	@Nullable String permissionDenied() {
		return this.permissionDenied;
	}

	/**
	 * Classify a message by the learned texts.
	 * @param message the message of a failed bind
	 * @return the outcome, or {@code null} if no learned text occurs in it
	 */
	@Nullable CandidateOutcome classify(String message) {
		if (this.inUse != null && message.contains(this.inUse)) {
			return CandidateOutcome.IN_USE;
		}
		if (this.notAvailable != null && message.contains(this.notAvailable)) {
			return CandidateOutcome.ADDRESS_NOT_AVAILABLE;
		}
		if (this.permissionDenied != null && message.contains(this.permissionDenied)) {
			return CandidateOutcome.PERMISSION_DENIED;
		}
		return null;
	}

	/**
	 * Return whether both socket errors other than "permission denied" are known, so that a bind failure that is
	 * neither must be that one.
	 * @return whether both are known
	 */
	boolean knowsInUseAndNotAvailable() {
		return this.inUse != null && this.notAvailable != null;
	}

	private static BindErrorTexts provoke() {
		String inUse = provokeInUse();
		if (inUse == null || BindFailures.english(inUse) == CandidateOutcome.IN_USE) {
			return new BindErrorTexts(inUse, null, null);
		}
		return new BindErrorTexts(inUse, provokeNotAvailable(), provokePermissionDenied());
	}

	private static @Nullable String provokeInUse() {
		try (ServerSocketChannel first = ServerSocketChannel.open()) {
			first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
			try (ServerSocketChannel second = ServerSocketChannel.open()) {
				second.bind(first.getLocalAddress(), 1);
				return null;
			}
			catch (BindException ex) {
				return ex.getMessage();
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String provokeNotAvailable() {
		for (String address : DOCUMENTATION_ADDRESSES) {
			try (ServerSocketChannel channel = ServerSocketChannel.open()) {
				channel.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 1);
			}
			catch (BindException ex) {
				return ex.getMessage();
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}
		return null;
	}

	private static @Nullable String provokePermissionDenied() {
		Path file = null;
		try {
			file = Files.createTempFile("portguard-", ".denied",
					PosixFilePermissions.asFileAttribute(Set.of()));
			try (FileInputStream in = new FileInputStream(file.toFile())) {
				return null;
			}
			catch (FileNotFoundException ex) {
				// The JDK words it "<path> (<the C library's text>)".
				String prefix = file + " (";
				String message = ex.getMessage();
				return (message != null && message.startsWith(prefix) && message.endsWith(")"))
						? message.substring(prefix.length(), message.length() - 1) : null;
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// Left in the temporary directory, empty and unreadable; nothing reads it.
				}
			}
		}
	}

	private static @Nullable String valid(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String trimmed = text.trim();
		return (trimmed.length() >= 3 && trimmed.length() <= MAX_LENGTH) ? trimmed : null;
	}

	private static @Nullable String distinct(@Nullable String text, @Nullable String other, @Nullable String third) {
		if (text == null) {
			return null;
		}
		for (String another : new String[] { other, third }) {
			if (another != null && (another.contains(text) || text.contains(another))) {
				return null;
			}
		}
		return text;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "in use: %s; cannot assign: %s; permission denied: %s", this.inUse,
				this.notAvailable, this.permissionDenied);
	}

}
