package dev.portguard.registry;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.portguard.testsupport.ClassPath;
import dev.portguard.testsupport.Unprivileged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for what the registry trusts: real directories and files of this user and of another one (nobody; the tests
 * run as root in CI, so they can hand a file to another user), symbolic links, a FIFO, a large file. The time
 * guards only keep a hanging read from hanging the build; nothing here measures speed.
 */
class RegistryTrustTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(60);

	@TempDir
	Path temporary;

	private final List<String> skipped = new ArrayList<>();

	@Test
	void directoriesAndFilesAreCreatedOwnerOnly() throws IOException {
		Path directory = this.temporary.resolve("portguard-me").resolve("instances");
		Path file = InstanceRegistry.at(directory).register(self("orders"));
		assertThat(mode(directory.getParent())).isEqualTo("rwx------");
		assertThat(mode(directory)).isEqualTo("rwx------");
		assertThat(mode(file)).isEqualTo("rw-------");
		assertThat(InstanceRegistry.at(directory).problem()).isNull();
	}

	@Test
	void directoryOfAnotherUserIsNotUsed() throws Exception {
		Path directory = Files.createDirectory(this.temporary.resolve("instances"));
		write(directory.resolve("orders--planted.json"), self("orders"));
		Files.setOwner(directory, nobody());
		InstanceRegistry registry = InstanceRegistry.at(directory);
		assertThat(registry.problem()).isEqualTo(directory + " belongs to nobody, not to "
				+ System.getProperty("user.name")
				+ "; remove it or set portguard.registry.directory to a directory of your own");
		assertThat(registry.instances()).isEmpty();
		assertThat(registry.lastPorts("orders", null)).isEmpty();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> registry.register(self("orders")))
			.withMessageContaining("belongs to nobody");
	}

	@Test
	void portguardDirectoryOfAnotherUserAboveOursIsNotUsed() throws Exception {
		// The fallback <tmp>/portguard-<user> created first by someone else: whoever owns it can swap what is inside.
		Path planted = Files.createDirectory(this.temporary.resolve("portguard-" + System.getProperty("user.name")));
		Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
		Files.setOwner(planted, nobody());
		InstanceRegistry registry = InstanceRegistry.at(planted.resolve("instances"));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> registry.register(self("orders")));
		assertThat(registry.problem()).startsWith(planted + " belongs to nobody");
	}

	@Test
	void directoryWritableByOthersIsNotUsed() throws IOException {
		Path directory = Files.createDirectory(this.temporary.resolve("instances"));
		write(directory.resolve("orders--planted.json"), self("orders"));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
		InstanceRegistry registry = InstanceRegistry.at(directory);
		assertThat(registry.problem()).isEqualTo(
				directory + " is writable by other users (rwxrwxrwx); make it private: chmod 700 " + directory);
		assertThat(registry.instances()).isEmpty();
	}

	@Test
	void symbolicLinkAsTheDirectoryIsNotUsed() throws IOException {
		Path real = Files.createDirectory(this.temporary.resolve("real"));
		Path link = Files.createSymbolicLink(this.temporary.resolve("instances"), real);
		assertThat(InstanceRegistry.at(link).problem()).startsWith(link + " is a symbolic link");
	}

	@Test
	void plantedFilesAreSkippedWithoutBlockingAndTheRealOneIsFound() throws Exception {
		Path directory = Files.createDirectory(this.temporary.resolve("instances"));
		Files.createSymbolicLink(directory.resolve("evil.json"), Path.of("/dev/zero"));
		try (RandomAccessFile big = new RandomAccessFile(directory.resolve("big.json").toFile(), "rw")) {
			big.setLength(100L * 1024 * 1024);
		}
		mkfifo(directory.resolve("fifo.json"));
		Files.createDirectory(directory.resolve("x.json"));
		Path foreign = write(directory.resolve("orders--foreign.json"), self("orders"));
		Files.setOwner(foreign, nobody());
		Files.writeString(directory.resolve("orders--bad-url.json"), json(self("orders")).replace(
				"\"baseUrl\": \"http://127.0.0.1:8081\"", "\"baseUrl\": \"http://[\""));
		Files.writeString(directory.resolve("orders--no-port.json"), json(self("orders")).replace(
				"\"baseUrl\": \"http://127.0.0.1:8081\"", "\"baseUrl\": \"http://127.0.0.1\""));
		Files.writeString(directory.resolve("orders--port-zero.json"),
				json(self("orders")).replace("\"server\": 8081", "\"server\": 0"));
		InstanceRegistry registry = InstanceRegistry.at(directory).withLog(this.skipped::add);
		Instance real = self("orders");
		registry.register(real);
		List<Instance> found = assertTimeoutPreemptively(HANG_GUARD, () -> registry.instances("orders"));
		assertThat(found).containsExactly(real);
		assertThat(this.skipped).containsExactlyInAnyOrder(
				"Skipped " + directory.resolve("evil.json") + ": not a regular file",
				"Skipped " + directory.resolve("big.json") + ": larger than 4096 bytes",
				"Skipped " + directory.resolve("fifo.json") + ": not a regular file",
				"Skipped " + directory.resolve("x.json") + ": not a regular file",
				"Skipped " + foreign + ": owned by nobody",
				"Skipped " + directory.resolve("orders--bad-url.json") + ": baseUrl is not a URL",
				"Skipped " + directory.resolve("orders--no-port.json")
						+ ": baseUrl is not an http URL with a host and a port",
				"Skipped " + directory.resolve("orders--port-zero.json")
						+ ": a port that is not between 1 and 65535: server");
		assertThat(Files.exists(directory.resolve("evil.json"), LinkOption.NOFOLLOW_LINKS)).isTrue();
	}

	@Test
	void plantedStickyPortsFileIsNotFollowed() throws Exception {
		Path directory = Files.createDirectory(this.temporary.resolve("instances"));
		Files.createSymbolicLink(directory.resolve("orders@orders.jar.last-ports.json"), Path.of("/dev/zero"));
		InstanceRegistry registry = InstanceRegistry.at(directory).withLog(this.skipped::add);
		assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> registry.lastPorts("orders", "orders.jar"))).isEmpty();
		Files.delete(directory.resolve("orders@orders.jar.last-ports.json"));
		mkfifo(directory.resolve("orders@orders.jar.last-ports.json"));
		assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> registry.lastPorts("orders", "orders.jar"))).isEmpty();
		assertThat(this.skipped).hasSize(2).allSatisfy((line) -> assertThat(line).endsWith(": not a regular file"));
	}

	@Test
	void writingNeverFollowsASymbolicLinkPlantedAsTheFile() throws IOException {
		Path directory = Files.createDirectory(this.temporary.resolve("instances"));
		Path victim = Files.writeString(this.temporary.resolve("victim.txt"), "keep me");
		InstanceRegistry registry = InstanceRegistry.at(directory);
		Files.createSymbolicLink(directory.resolve("orders@orders.jar.last-ports.json"), victim);
		registry.rememberPorts("orders", "orders.jar", Map.of("server", 8081));
		assertThat(victim).hasContent("keep me");
		assertThat(Files.isSymbolicLink(directory.resolve("orders@orders.jar.last-ports.json"))).isFalse();
		assertThat(registry.lastPorts("orders", "orders.jar")).containsExactly(Map.entry("server", 8081));
	}

	@Test
	void entryOfAnotherPidNamespaceOrHostIsNeitherListedNorPruned() throws Exception {
		Process process = new ProcessBuilder("sleep", "60").start();
		Instant start = process.info().startInstant().orElseThrow();
		process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		Path directory = Files.createDirectory(this.temporary.resolve("instances"));
		InstanceRegistry registry = InstanceRegistry.at(directory);
		Path container = registry.register(new Instance("orders", "in-container", process.pid(), start,
				ThisMachine.host(), System.getProperty("user.name"), Map.of("server", 8081), null, Instant.now(), null,
				"orders.jar", "pid:[1]"));
		Path otherHost = registry.register(new Instance("orders", "elsewhere", process.pid(), start,
				"another-host", System.getProperty("user.name"), Map.of("server", 8081), null, Instant.now(), null,
				"orders.jar", ThisMachine.pidNamespace()));
		assertThat(registry.instances("orders")).isEmpty();
		assertThat(container).exists();
		assertThat(otherHost).exists();
	}

	@Test
	void staleFilesThatCannotBeDeletedDoNotStopTheScan() throws Exception {
		// Read as nobody, in a registry directory of nobody's that nobody may not write: the stale files cannot be
		// deleted, and every live instance must still be found, whatever order the directory lists them in.
		Path directory = Files.createDirectory(this.temporary.resolve("instances"));
		Process gone = new ProcessBuilder("sleep", "60").start();
		Instant goneStart = gone.info().startInstant().orElseThrow();
		gone.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			files.add(write(directory.resolve("stale-" + i + ".json"), new Instance("orders", "stale-" + i, gone.pid(),
					goneStart, ThisMachine.host(), "nobody", Map.of("server", 8081), null, Instant.now(), null,
					"orders.jar", ThisMachine.pidNamespace())));
			files.add(write(directory.resolve("live-" + i + ".json"), new Instance("orders", "live-" + i,
					ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant().orElseThrow(),
					ThisMachine.host(), "nobody", Map.of("server", 8081), null, Instant.now(), null, "orders.jar",
					ThisMachine.pidNamespace())));
		}
		for (Path file : files) {
			Files.setOwner(file, nobody());
		}
		Files.setOwner(directory, nobody());
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-x------"));
		Files.setPosixFilePermissions(this.temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
		List<String> command = new ArrayList<>(Unprivileged.prefix());
		String java = ProcessHandle.current().info().command().orElseThrow();
		command.addAll(List.of(java, "-Xmx64m", "-cp", classpath(), RegistryScanMain.class.getName(),
				directory.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(output).contains("found live-0", "found live-1", "found live-2")
			.contains("Could not delete the stale registry file " + directory.resolve("stale-0.json"),
					"Could not delete the stale registry file " + directory.resolve("stale-2.json"));
	}

	private static String classpath() {
		return ClassPath.ofPortguard();
	}

	private static void mkfifo(Path path) throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(mkfifo.exitValue()).isZero();
	}

	private static UserPrincipal nobody() throws IOException {
		return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

	private static Path write(Path file, Instance instance) throws IOException {
		return Files.writeString(file, json(instance));
	}

	private static String json(Instance instance) {
		return Json.write(instance.toMap());
	}

	private static Instance self(String application) {
		ProcessHandle self = ProcessHandle.current();
		return new Instance(application, "id-" + application.hashCode(), self.pid(),
				self.info().startInstant().orElseThrow(), ThisMachine.host(), System.getProperty("user.name"),
				Map.of("server", 8081), "http://127.0.0.1:8081", Instant.parse("2026-01-01T00:00:00Z"), null,
				"orders.jar", ThisMachine.pidNamespace());
	}

}
