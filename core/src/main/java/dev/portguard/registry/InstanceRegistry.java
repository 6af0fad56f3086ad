package dev.portguard.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The directory where running application instances register themselves, one JSON file each, and the discovery
 * client that finds them: for a command-line tool that talks to its server, a test harness, or a developer's
 * script. Needs no Spring.
 * <p>
 * Other users may share the machine, so nothing in the directory is trusted by default: the directory must belong to
 * this user and be writable by nobody else (as OpenSSH asks of {@code ~/.ssh}), or the registry is unavailable and
 * says why ({@link #problem()}); files are read only when they are regular files owned by this user, not symbolic
 * links, and at most {@value #MAX_FILE_SIZE} bytes, and every field is checked; files are created owner-only with
 * {@code O_EXCL}, written through the handle that created them, and renamed into place.
 *
 * <pre class="code">
 * InstanceRegistry registry = InstanceRegistry.atDefaultDirectory();
 * Instance server = registry.awaitInstance("portguard-sample-app", Duration.ofSeconds(30));
 * URI base = URI.create(server.baseUrl());
 * </pre>
 */
public final class InstanceRegistry {

	/**
	 * The largest instance or sticky-ports file read; a real one is well under 1 KiB.
	 */
	public static final int MAX_FILE_SIZE = 4096;

	private static final String SUFFIX = ".json";

	private static final String LAST_PORTS = ".last-ports";

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final LinkOption[] NOFOLLOW = { LinkOption.NOFOLLOW_LINKS };

	private final Path directory;

	private final Consumer<String> log;

	private InstanceRegistry(Path directory, Consumer<String> log) {
		this.directory = directory;
		this.log = log;
	}

	/**
	 * Return the registry in a directory.
	 * @param directory the directory
	 * @return the registry
	 */
	public static InstanceRegistry at(Path directory) {
		return new InstanceRegistry(directory, (message) -> {
		});
	}

	/**
	 * Return the registry in the default directory: {@code ~/.portguard/instances}; when the home directory is not
	 * writable, {@code $XDG_RUNTIME_DIR/portguard/instances}, or {@code <java.io.tmpdir>/portguard-<user>/instances}.
	 * @return the registry
	 */
	public static InstanceRegistry atDefaultDirectory() {
		return at(defaultDirectory());
	}

	/**
	 * Return a registry that reports each file it skips, and why, to a consumer, such as a logger.
	 * @param log receives one line per skipped file
	 * @return a registry in the same directory
	 */
	public InstanceRegistry withLog(Consumer<String> log) {
		return new InstanceRegistry(this.directory, log);
	}

	/**
	 * Return the default registry directory.
	 * @return the directory
	 */
	public static Path defaultDirectory() {
		String home = System.getProperty("user.home");
		if (home != null && !home.isBlank() && Files.isWritable(Path.of(home))) {
			return Path.of(home, ".portguard", "instances");
		}
		String runtime = System.getenv("XDG_RUNTIME_DIR");
		if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime), NOFOLLOW)) {
			return Path.of(runtime, "portguard", "instances");
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "portguard-" + System.getProperty("user.name"),
				"instances");
	}

	/**
	 * Return the registry's directory.
	 * @return the directory
	 */
	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Return why the registry cannot be trusted, if it cannot: the directory, or the {@code portguard} directory it
	 * lies in, is a symbolic link, belongs to another user, or is writable by group or others. A directory that does
	 * not exist yet is no problem: it is created owner-only.
	 * @return the problem, for people, with what to do; {@code null} when the registry can be used
	 */
	public @Nullable String problem() {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return null;
		}
		List<Path> checked = new ArrayList<>();
		checked.add(this.directory);
		Path parent = this.directory.getParent();
		if (parent != null && parent.getFileName() != null
				&& parent.getFileName().toString().toLowerCase(java.util.Locale.ROOT).contains("portguard")) {
			checked.add(parent);
		}
		String user = System.getProperty("user.name");
		for (Path path : checked) {
			PosixFileAttributes attributes;
			try {
				attributes = Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW);
			}
			catch (IOException ex) {
				continue;
			}
			if (attributes.isSymbolicLink()) {
				return path + " is a symbolic link; remove it (portguard creates the directory itself)";
			}
			if (!attributes.isDirectory()) {
				return path + " is not a directory";
			}
			if (!attributes.owner().getName().equals(user)) {
				return path + " belongs to " + attributes.owner().getName() + ", not to " + user
						+ "; remove it or set portguard.registry.directory to a directory of your own";
			}
			Set<PosixFilePermission> permissions = attributes.permissions();
			if (permissions.contains(PosixFilePermission.GROUP_WRITE)
					|| permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
				return path + " is writable by other users (" + PosixFilePermissions.toString(permissions)
						+ "); make it private: chmod 700 " + path;
			}
		}
		return null;
	}

	/**
	 * Return the live instances of an application, most recently started first. Files of this host's instances
	 * whose process is gone (or whose pid now belongs to another process) are deleted; files that are not this
	 * user's regular instance files are skipped and left alone.
	 * @param application the application's name
	 * @return the instances
	 */
	public List<Instance> instances(String application) {
		return instances().stream().filter((instance) -> instance.application().equals(application)).toList();
	}

	/**
	 * Return every live instance registered on this host, most recently started first, pruning stale files; none
	 * when the registry cannot be trusted ({@link #problem()}).
	 * @return the instances
	 */
	public List<Instance> instances() {
		List<Instance> instances = new ArrayList<>();
		if (!Files.isDirectory(this.directory, NOFOLLOW) || problem() != null) {
			return instances;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, "*" + SUFFIX)) {
			for (Path file : files) {
				if (file.getFileName().toString().endsWith(LAST_PORTS + SUFFIX)) {
					continue;
				}
				Instance instance = readInstance(file);
				if (instance == null || !instance.isLocal()) {
					continue;
				}
				if (instance.isAlive()) {
					instances.add(instance);
				}
				else {
					delete(file);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			this.log.accept("Stopped reading " + this.directory + ": " + ex);
		}
		instances.sort(Comparator.comparing(Instance::startedAt).reversed());
		return instances;
	}

	/**
	 * Return the most recently started live instance of an application.
	 * @param application the application's name
	 * @return the instance, if one runs
	 */
	public Optional<Instance> find(String application) {
		return instances(application).stream().findFirst();
	}

	/**
	 * Wait until an instance of an application is registered and its main port accepts connections.
	 * @param application the application's name
	 * @param timeout how long to wait
	 * @return the instance
	 * @throws TimeoutException if none is up in time
	 * @throws InterruptedException if the wait is interrupted
	 */
	public Instance awaitInstance(String application, Duration timeout) throws TimeoutException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (Instance instance : instances(application)) {
				if (accepts(instance)) {
					return instance;
				}
			}
			if (System.nanoTime() > deadline) {
				String problem = problem();
				throw new TimeoutException("No instance of '" + application + "' came up in " + timeout + " in "
						+ this.directory + ((problem != null) ? " (the registry is not used: " + problem + ")" : ""));
			}
			Thread.sleep(100);
		}
	}

	/**
	 * Return the live instance of an application that accepts connections, starting it first when none does: the
	 * command is started, and its instance waited for until it is registered and its main port accepts
	 * connections. Two clients asking at the same moment (threads or processes) start one server: the start is done
	 * under a lock file in this directory ({@code <application>.start.lock}), and the registry is looked at again
	 * once it is held.
	 * <p>
	 * The child's output goes where the builder sends it; when the builder leaves it to the parent (the default),
	 * it goes, with the error output, to {@code <application>.out} in this directory (owner-only, replaced on every
	 * start). Progress is reported in the words of the client it is modelled on: {@code Server not running. Starting
	 * server...}, {@code Port 8765 in use, using port 8766}, {@code Waiting for server to start on port 8766...},
	 * {@code Server started successfully on http://127.0.0.1:8766!}.
	 * @param application the application's name ({@code spring.application.name} of what the command starts)
	 * @param command what starts it, typically {@code java -jar app.jar ...}
	 * @param timeout how long the whole call may take, waiting for another client's start included
	 * @param progress receives the progress lines
	 * @return the instance, up and accepting
	 * @throws InstanceStartException if the command cannot be run, exits before the instance is up, or the timeout
	 * passes first (the started process is then stopped); the message quotes the end of its output
	 * @throws InterruptedException if the wait is interrupted
	 */
	public Instance startIfNeeded(String application, ProcessBuilder command, Duration timeout,
			Consumer<String> progress) throws InstanceStartException, InterruptedException {
		return new InstanceStarter(this).startIfNeeded(application, command, timeout, progress);
	}

	Path startLockFile(String application) throws IOException {
		createDirectory();
		return this.directory.resolve(safe(application) + ".start.lock");
	}

	/**
	 * Open a lock file, owner-only when it is created; a symbolic link planted in its place is not followed.
	 */
	FileChannel openLock(Path lock) throws IOException {
		return FileChannel.open(lock, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS), fileAttributes(OWNER_ONLY_FILE));
	}

	Path startOutputFile(String application) {
		return this.directory.resolve(safe(application) + ".out");
	}

	/**
	 * Create an empty owner-only file, replacing what was there: a planted link is removed, not followed.
	 */
	void createOwnerOnly(Path file) throws IOException {
		createDirectory();
		Files.deleteIfExists(file);
		Files.createFile(file, fileAttributes(OWNER_ONLY_FILE));
	}

	static boolean accepts(Instance instance) {
		String host = "127.0.0.1";
		Integer port = instance.ports().get("server");
		if (instance.baseUrl() != null) {
			URI uri = URI.create(instance.baseUrl());
			host = uri.getHost();
			port = uri.getPort();
		}
		if (port == null) {
			port = instance.ports().values().stream().findFirst().orElse(null);
		}
		if (port == null) {
			return true;
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Register an instance: its file is written to a new temporary file and renamed, so readers never see half a
	 * file.
	 * @param instance the instance
	 * @return the file
	 * @throws IOException if the directory cannot be trusted or written
	 */
	public Path register(Instance instance) throws IOException {
		return write(fileOf(instance), Json.write(instance.toMap()));
	}

	/**
	 * Remove an instance's file.
	 * @param instance the instance
	 */
	public void deregister(Instance instance) {
		delete(fileOf(instance));
	}

	/**
	 * Return the ports an application bound the last time it started, by name, for sticky ports; only when the same
	 * main class or jar wrote them.
	 * @param application the application's name
	 * @param main the application's main class or jar, as {@link ThisMachine#main()} gives it
	 * @return the ports, empty if unknown
	 */
	public Map<String, Integer> lastPorts(String application, @Nullable String main) {
		if (problem() != null) {
			return Map.of();
		}
		Map<String, Object> map = readJson(lastPortsFile(application, main));
		if (map == null || !Objects.equals(map.get("main"), main)) {
			return Map.of();
		}
		try {
			return Instance.ports(map.get("ports"));
		}
		catch (IllegalArgumentException ex) {
			this.log.accept("Skipped " + lastPortsFile(application, main) + ": " + ex.getMessage());
			return Map.of();
		}
	}

	/**
	 * Remember the ports an application bound, for its next start.
	 * @param application the application's name
	 * @param main the application's main class or jar
	 * @param ports the ports by name
	 * @throws IOException if the directory cannot be trusted or written
	 */
	public void rememberPorts(String application, @Nullable String main, Map<String, Integer> ports)
			throws IOException {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("application", application);
		if (main != null) {
			map.put("main", main);
		}
		map.put("ports", new LinkedHashMap<>(ports));
		map.put("format", "portguard-last-ports/1");
		write(lastPortsFile(application, main), Json.write(map));
	}

	private Path write(Path file, String content) throws IOException {
		createDirectory();
		String problem = problem();
		if (problem != null) {
			throw new IOException(problem);
		}
		Path temporary = this.directory.resolve(".portguard-" + UUID.randomUUID() + ".tmp");
		Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		try {
			// CREATE_NEW is O_EXCL: it never opens a file or a symbolic link planted under that name, and the content
			// goes through the handle that created the file.
			try (SeekableByteChannel channel = Files.newByteChannel(temporary, options, fileAttributes(OWNER_ONLY_FILE))) {
				ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}
			// rename(2) replaces the name itself, never what a symbolic link there points at.
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
			}
			return file;
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private void createDirectory() throws IOException {
		if (Files.isDirectory(this.directory, NOFOLLOW)) {
			return;
		}
		Path parent = this.directory.getParent();
		if (parent != null && !Files.exists(parent, NOFOLLOW)) {
			Files.createDirectories(parent, fileAttributes(OWNER_ONLY_DIRECTORY));
		}
		Files.createDirectory(this.directory, fileAttributes(OWNER_ONLY_DIRECTORY));
	}

	private static FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> permissions) {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) };
	}

	private void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException | RuntimeException ex) {
			this.log.accept("Could not delete the stale registry file " + file + ": " + ex);
		}
	}

	private Path fileOf(Instance instance) {
		return this.directory.resolve(safe(instance.application()) + "--" + safe(instance.id()) + SUFFIX);
	}

	/**
	 * Return the sticky-ports file of an application: one per name and main class or jar, so that two applications
	 * that share a name never share their ports.
	 */
	private Path lastPortsFile(String application, @Nullable String main) {
		String program = (main != null) ? "@" + safe(main) : "";
		return this.directory.resolve(safe(application) + program + LAST_PORTS + SUFFIX);
	}

	private @Nullable Instance readInstance(Path file) {
		Map<String, Object> map = readJson(file);
		if (map == null) {
			return null;
		}
		try {
			return Instance.fromMap(map);
		}
		catch (IllegalArgumentException ex) {
			this.log.accept("Skipped " + file + ": " + ex.getMessage());
			return null;
		}
	}

	/**
	 * Read a registry file, only if it is a regular file of this user (not a symbolic link, a FIFO, a device or a
	 * directory) of at most {@value #MAX_FILE_SIZE} bytes; the size is checked again while reading.
	 */
	private @Nullable Map<String, Object> readJson(Path file) {
		String skipped = null;
		try {
			BasicFileAttributes attributes = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
					? Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW)
					: Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
			if (!attributes.isRegularFile()) {
				skipped = "not a regular file";
			}
			else if (attributes.size() > MAX_FILE_SIZE) {
				skipped = "larger than " + MAX_FILE_SIZE + " bytes";
			}
			else if (attributes instanceof PosixFileAttributes posix
					&& !posix.owner().getName().equals(System.getProperty("user.name"))) {
				skipped = "owned by " + posix.owner().getName();
			}
			if (skipped == null) {
				Set<java.nio.file.OpenOption> read = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
				try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, read))) {
					byte[] bytes = in.readNBytes(MAX_FILE_SIZE + 1);
					if (bytes.length > MAX_FILE_SIZE) {
						skipped = "larger than " + MAX_FILE_SIZE + " bytes";
					}
					else {
						return Json.parse(new String(bytes, StandardCharsets.UTF_8));
					}
				}
			}
		}
		catch (java.nio.file.NoSuchFileException ex) {
			return null;
		}
		catch (IOException | RuntimeException ex) {
			skipped = "cannot be read (" + ex.getMessage() + ")";
		}
		this.log.accept("Skipped " + file + ": " + skipped);
		return null;
	}

	private static String safe(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}

}
