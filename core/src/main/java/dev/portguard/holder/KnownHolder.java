package dev.portguard.holder;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Processes that hold ports on behalf of something else, which stopping would not help or would harm: container
 * runtimes' port forwarders, WSL's relay, Windows' kernel HTTP listener, macOS' AirPlay Receiver, service managers.
 * They are recognised by name, also as tools cut it ({@code comm} keeps 15 characters, {@code lsof}'s table 9), and
 * by executable path; portguard never tells the user to kill one of them.
 */
public enum KnownHolder {

	/**
	 * Docker Engine's per-port proxy: the container that publishes the port owns it.
	 */
	DOCKER_PROXY(Kind.CONTAINER_FORWARDER, "Docker's port proxy", List.of("docker")),

	/**
	 * The Docker daemon itself listening, on its API port: a setting of the daemon, not a container.
	 */
	DOCKER_DAEMON(Kind.CONTAINER_RUNTIME, "the Docker daemon", List.of()),

	/**
	 * Docker Desktop's back end and network helpers on macOS, Windows and Linux.
	 */
	DOCKER_DESKTOP(Kind.CONTAINER_FORWARDER, "Docker Desktop", List.of("docker")),

	/**
	 * OrbStack's port forwarder on macOS ({@code macvmgr}, its virtual machine manager).
	 */
	ORBSTACK(Kind.CONTAINER_FORWARDER, "OrbStack", List.of("docker")),

	/**
	 * The forwarders of rootless containers, Podman's machine and Podman's rootless port helper (whose process is
	 * named {@code exe}, being Podman run again).
	 */
	PODMAN(Kind.CONTAINER_FORWARDER, "Podman", List.of("podman", "docker")),

	/**
	 * RootlessKit, which forwards ports for rootless Docker and Podman.
	 */
	ROOTLESSKIT(Kind.CONTAINER_FORWARDER, "RootlessKit (rootless containers)", List.of("docker", "podman")),

	/**
	 * Lima's host agent and the SSH tunnels of Colima and Rancher Desktop, forwarding a port of a container in
	 * their virtual machine.
	 */
	LIMA(Kind.CONTAINER_FORWARDER, "a Lima virtual machine (Lima, Colima or Rancher Desktop)",
			List.of("docker", "nerdctl")),

	/**
	 * WSL's relay, which forwards a port of a Linux process inside WSL to Windows.
	 */
	WSL_RELAY(Kind.WSL_RELAY, "WSL's port relay", List.of()),

	/**
	 * Windows' System process, which holds ports for the kernel HTTP listener (http.sys) and file sharing.
	 */
	WINDOWS_SYSTEM(Kind.SYSTEM, "Windows' System process (http.sys)", List.of()),

	/**
	 * A Windows service host: the port belongs to one of its services.
	 */
	WINDOWS_SERVICE_HOST(Kind.SYSTEM, "a Windows service host", List.of()),

	/**
	 * macOS' Control Center, listening for AirPlay Receiver on 5000 and 7000; launchd starts it again at once.
	 */
	AIRPLAY_RECEIVER(Kind.SYSTEM, "macOS' AirPlay Receiver (ControlCenter)", List.of()),

	/**
	 * systemd holding a socket for a unit it starts on the first connection.
	 */
	SYSTEMD_SOCKET(Kind.SYSTEM, "systemd socket activation", List.of()),

	/**
	 * macOS' launchd, holding a socket for a service it starts, and process 0. Process 1 in a container is often
	 * the user's own server, so only launchd and systemd are recognised by that id.
	 */
	OPERATING_SYSTEM(Kind.SYSTEM, "the operating system's service manager", List.of());

	private final Kind kind;

	private final String description;

	private final List<String> runtimes;

	KnownHolder(Kind kind, String description, List<String> runtimes) {
		this.kind = kind;
		this.description = description;
		this.runtimes = runtimes;
	}

	/**
	 * Recognise a holder.
	 * @param holder the holder
	 * @return what it is, if known
	 */
	public static Optional<KnownHolder> of(PortHolder holder) {
		Matcher matcher = new Matcher(holder);
		for (KnownHolder known : values()) {
			if (known.matches(matcher)) {
				return Optional.of(known);
			}
		}
		return Optional.empty();
	}

	// A switch rather than a lambda per constant: recognising runs once in a JVM that is failing to start, where
	// bootstrapping lambdas costs more than the lookup.
	private boolean matches(Matcher m) {
		return switch (this) {
			case DOCKER_PROXY -> m.named("docker-proxy");
			case DOCKER_DAEMON -> m.named("dockerd", "dockerd.exe");
			case DOCKER_DESKTOP -> m.nameStartsWith("com.docke") || m.named("vpnkit", "vpnkit.exe", "vpnkit-bridge")
					|| m.executableContains("/Docker.app/", "\\Docker\\resources\\", "/docker-desktop/");
			case ORBSTACK -> m.nameStartsWith("orbstack") || m.named("macvmgr") || m.executableContains("/OrbStack.app/");
			case PODMAN -> m.named("podman", "podman.exe", "conmon", "gvproxy", "gvproxy.exe", "win-sshproxy", "win-sshproxy.exe",
					"pasta", "pasta.avx2", "slirp4netns") || (m.named("exe") && m.executableEndsWith("/podman"));
			case ROOTLESSKIT -> m.named("rootlesskit", "rootlessport", "rootlessport-child") || m.nameStartsWith("rootlessport");
			case LIMA -> m.named("limactl") || (m.named("ssh") && m.commandLineContains("lima", "colima", "rancher-desktop"));
			case WSL_RELAY -> m.named("wslrelay", "wslrelay.exe");
			case WINDOWS_SYSTEM -> m.pid() == 4 && m.named("system", "?");
			case WINDOWS_SERVICE_HOST -> m.named("svchost.exe", "svchost");
			case AIRPLAY_RECEIVER -> m.nameStartsWith("controlce") || m.executableContains("/ControlCenter.app/");
			case SYSTEMD_SOCKET -> m.pid() == 1 && m.named("systemd", "init");
			case OPERATING_SYSTEM -> m.pid() == 0 || (m.pid() == 1 && m.named("launchd"));
		};
	}

	/**
	 * Return what kind of holder this is.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Return a short description for people, such as "Docker Desktop".
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return the container runtimes to ask which container publishes the port, in order.
	 * @return the runtimes' commands, empty if this holder forwards for no container
	 */
	public List<String> runtimes() {
		return this.runtimes;
	}

	/**
	 * The kinds of known holders.
	 */
	public enum Kind {

		/**
		 * A container runtime's helper that forwards a port to a container.
		 */
		CONTAINER_FORWARDER,

		/**
		 * A container runtime itself.
		 */
		CONTAINER_RUNTIME,

		/**
		 * WSL's relay for a Linux process.
		 */
		WSL_RELAY,

		/**
		 * A process of the operating system.
		 */
		SYSTEM

	}

	private record Matcher(long pid, String name, @Nullable String executable, @Nullable String commandLine) {

		Matcher(PortHolder holder) {
			this(holder.pid(), holder.name().toLowerCase(Locale.ROOT), holder.executable(), holder.commandLine());
		}

		boolean named(String... names) {
			for (String candidate : names) {
				if (this.name.equals(candidate)) {
					return true;
				}
			}
			return false;
		}

		boolean nameStartsWith(String prefix) {
			return this.name.startsWith(prefix);
		}

		boolean executableContains(String... parts) {
			for (String part : parts) {
				if (this.executable != null && this.executable.contains(part)) {
					return true;
				}
			}
			return false;
		}

		boolean executableEndsWith(String suffix) {
			return this.executable != null && this.executable.endsWith(suffix);
		}

		boolean commandLineContains(String... parts) {
			for (String part : parts) {
				if (this.commandLine != null && this.commandLine.contains(part)) {
					return true;
				}
			}
			return false;
		}

	}

}
