package dev.portguard.policy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads a failed bind, whatever shape it reaches the application in and whatever language the system speaks: a JDK
 * {@link BindException} deep in a server's exception chain, or a native transport's exception (Netty's epoll and
 * kqueue report {@code bind(..) failed: ...} with the error number and no {@code BindException} in the chain).
 * <p>
 * The evidence, strongest first:
 * <ol>
 * <li>an error number, where the exception carries one (Netty's native transports);</li>
 * <li>the English words, which cost nothing: macOS, Linux in an English or C locale, and the JDK's own English texts
 * on Windows;</li>
 * <li>this system's own words for each error, {@link BindErrorTexts learned once per JVM} by provoking it: any
 * language;</li>
 * <li>elimination: a JDK bind on Unix fails with one of three errors only, so a failure that is neither of the two
 * known ones is the third, "permission denied";</li>
 * <li>when the port and address are known: a port below the first unprivileged port for a process that is not
 * root is "permission denied", an address that no interface has "cannot assign requested address".</li>
 * </ol>
 */
public final class BindFailures {

	private static final String NATIVE_IO_EXCEPTION = "io.netty.channel.unix.Errors$NativeIoException";

	private static final boolean WINDOWS = System.getProperty("os.name", "")
		.toLowerCase(Locale.ROOT)
		.startsWith("windows");

	private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

	private BindFailures() {
	}

	/**
	 * Learn this system's words for the bind errors now, if they are not known yet, so that a later failure is
	 * classified without provoking anything. Safe to call from any thread, at any time.
	 */
	public static void learnSystemTexts() {
		BindErrorTexts.learn();
	}

	/**
	 * Classify the first bind failure in a failure's chain: in use, permission denied, cannot assign requested
	 * address, or another error.
	 * @param failure the failure
	 * @return the outcome; {@link CandidateOutcome#ERROR} when the chain holds no bind failure
	 */
	public static CandidateOutcome classify(Throwable failure) {
		return classify(failure, null, -1);
	}

	/**
	 * Classify the first bind failure in a failure's chain, using what is known of the bind as evidence where the
	 * failure's own words do not tell.
	 * @param failure the failure
	 * @param address the address that was bound, or {@code null} for every interface or if unknown
	 * @param port the port that was bound, or {@code -1} if unknown
	 * @return the outcome; {@link CandidateOutcome#ERROR} when the chain holds no bind failure
	 */
	public static CandidateOutcome classify(Throwable failure, @Nullable InetAddress address, int port) {
		Found found = find(failure);
		if (found == null) {
			return CandidateOutcome.ERROR;
		}
		if (found.outcome() != CandidateOutcome.ERROR || !(found.failure() instanceof BindException)) {
			return found.outcome();
		}
		return byEvidence(address, port);
	}

	/**
	 * Return the operating system's "in use" message if the failure, or one of its causes, is a bind that failed
	 * because another socket holds the port; {@code null} for any other failure, including "permission denied" and
	 * "cannot assign requested address".
	 * @param failure the failure
	 * @return the message, or {@code null}
	 */
	public static @Nullable String inUse(Throwable failure) {
		Found found = find(failure);
		if (found == null || found.outcome() != CandidateOutcome.IN_USE) {
			return null;
		}
		String message = found.failure().getMessage();
		return (message != null) ? message : "address already in use";
	}

	/**
	 * Classify one exception thrown by a bind.
	 * @param failure the exception
	 * @return the outcome
	 */
	static CandidateOutcome classifyBind(IOException failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage() : "";
		if (failure instanceof BindException) {
			return classifyBindMessage(message);
		}
		if (failure instanceof SocketException) {
			String lower = message.toLowerCase(Locale.ROOT);
			if (lower.contains("protocol family unavailable") || lower.contains("address family not supported")) {
				return CandidateOutcome.ADDRESS_NOT_AVAILABLE;
			}
		}
		return CandidateOutcome.ERROR;
	}

	private static CandidateOutcome classifyBindMessage(String message) {
		CandidateOutcome english = english(message);
		return (english != null) ? english : classifyBindMessage(message, BindErrorTexts.system());
	}

	/**
	 * Classify the message of a JDK {@link BindException} that has no English words, by a system's texts.
	 * @param message the message
	 * @param texts the system's texts
	 * @return the outcome
	 */
	static CandidateOutcome classifyBindMessage(String message, BindErrorTexts texts) {
		CandidateOutcome learned = texts.classify(message);
		if (learned != null) {
			return learned;
		}
		// The JDK on Unix throws BindException for EADDRINUSE, EADDRNOTAVAIL and EACCES only (and SocketException
		// for every other error of a bind): a message that is neither of the two known texts is the third.
		if (!WINDOWS && !message.isBlank() && texts.knowsInUseAndNotAvailable()) {
			return CandidateOutcome.PERMISSION_DENIED;
		}
		return CandidateOutcome.ERROR;
	}

	/**
	 * Classify a message by its English words.
	 * @param message the message
	 * @return the outcome, or {@code null} if the message has none of the words
	 */
	static @Nullable CandidateOutcome english(String message) {
		String lower = message.toLowerCase(Locale.ROOT);
		if (lower.contains("in use")) {
			return CandidateOutcome.IN_USE;
		}
		if (lower.contains("permission denied") || lower.contains("access permissions")
				|| lower.contains("not permitted")) {
			return CandidateOutcome.PERMISSION_DENIED;
		}
		if (lower.contains("assign requested address") || lower.contains("not valid in its context")) {
			return CandidateOutcome.ADDRESS_NOT_AVAILABLE;
		}
		return null;
	}

	private static @Nullable Found find(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
			if (current instanceof BindException bind) {
				return new Found(bind, classifyBind(bind));
			}
			if (current instanceof SocketException socket) {
				CandidateOutcome outcome = classifyBind(socket);
				if (outcome != CandidateOutcome.ERROR) {
					return new Found(socket, outcome);
				}
			}
			if (NATIVE_IO_EXCEPTION.equals(current.getClass().getName())) {
				CandidateOutcome outcome = byErrorNumber(current);
				if (outcome != null) {
					return new Found(current, outcome);
				}
			}
			if (current instanceof IOException || current.getClass().getName().startsWith("io.netty.")
					|| current.getClass().getName().startsWith("reactor.netty.")) {
				String message = current.getMessage();
				if (message != null && isInUseText(message)) {
					return new Found(current, CandidateOutcome.IN_USE);
				}
			}
		}
		return null;
	}

	private static boolean isInUseText(String message) {
		if (message.toLowerCase(Locale.ROOT).contains("address already in use")) {
			return true;
		}
		String learned = BindErrorTexts.system().inUse();
		return learned != null && message.contains(learned);
	}

	/**
	 * Read the error number a Netty native transport's exception carries: no language involved.
	 */
	private static @Nullable CandidateOutcome byErrorNumber(Throwable failure) {
		int errno;
		try {
			Method expectedErr = failure.getClass().getMethod("expectedErr");
			errno = Math.abs(((Number) expectedErr.invoke(failure)).intValue());
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
		if (errno == 13) {
			return CandidateOutcome.PERMISSION_DENIED;
		}
		// EADDRINUSE and EADDRNOTAVAIL are 98 and 99 on Linux (epoll, io_uring), 48 and 49 on macOS and the BSDs
		// (kqueue).
		int inUse = LINUX ? 98 : 48;
		if (errno == inUse) {
			return CandidateOutcome.IN_USE;
		}
		if (errno == inUse + 1) {
			return CandidateOutcome.ADDRESS_NOT_AVAILABLE;
		}
		return null;
	}

	private static CandidateOutcome byEvidence(@Nullable InetAddress address, int port) {
		if (port > 0 && port < firstUnprivilegedPort() && !isRoot()) {
			return CandidateOutcome.PERMISSION_DENIED;
		}
		if (address != null && !address.isAnyLocalAddress() && !address.isLoopbackAddress() && !isLocal(address)) {
			return CandidateOutcome.ADDRESS_NOT_AVAILABLE;
		}
		return CandidateOutcome.ERROR;
	}

	private static boolean isLocal(InetAddress address) {
		try {
			return NetworkInterface.getByInetAddress(address) != null;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	/**
	 * Return the first port a process without privilege may bind: Linux's
	 * {@code net.ipv4.ip_unprivileged_port_start}, 1024 on other Unix systems, 0 on Windows (no privileged ports).
	 */
	static int firstUnprivilegedPort() {
		if (WINDOWS) {
			return 0;
		}
		if (LINUX) {
			String value = readSmallFile(Paths.get("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
			if (value != null) {
				try {
					return Integer.parseInt(value.trim());
				}
				catch (NumberFormatException ex) {
					return 1024;
				}
			}
		}
		return 1024;
	}

	private static boolean isRoot() {
		try {
			Object uid = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
			return Integer.valueOf(0).equals(uid);
		}
		catch (IOException | RuntimeException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	private static @Nullable String readSmallFile(Path path) {
		try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
			return new String(in.readNBytes(16), StandardCharsets.US_ASCII);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private record Found(Throwable failure, CandidateOutcome outcome) {

	}

}
