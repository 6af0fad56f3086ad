package dev.portguard.holder;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Finds a port's holder on Linux without external tools: the socket's inode from {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}, then the process that has {@code socket:[inode]} open under {@code /proc/<pid>/fd},
 * looking only at processes of the socket's owner and stopping at the first match.
 */
final class ProcPortHolderLocator implements PortHolderLocator {

	private static final int MAX_SHARERS = 256;

	private final Path proc;

	ProcPortHolderLocator(Path proc) {
		this.proc = proc;
	}

	@Override
	public HolderLookup locate(int port) {
		return locate(port, null);
	}

	@Override
	public HolderLookup locate(int port, @Nullable InetAddress address) {
		List<ProcNetTcp.Entry> sockets = new ArrayList<>();
		String others = "";
		if (address == null) {
			sockets.addAll(listeners(this.proc.resolve("net/tcp"), port, true));
			if (sockets.isEmpty()) {
				sockets.addAll(listeners(this.proc.resolve("net/tcp6"), port, true));
			}
		}
		else {
			List<ProcNetTcp.Entry> all = new ArrayList<>(listeners(this.proc.resolve("net/tcp"), port, false));
			all.addAll(listeners(this.proc.resolve("net/tcp6"), port, false));
			for (ProcNetTcp.Entry socket : all) {
				if (BindConflicts.conflicts(socket.localAddress(), address)) {
					sockets.add(socket);
				}
				else {
					others += (others.isEmpty() ? "" : ", ") + socket.localAddress();
				}
			}
		}
		String manual = OperatingSystem.LINUX.showHolderCommand(port);
		if (sockets.isEmpty()) {
			return new HolderLookup(port, HolderLookup.Status.FREE, List.of(), null, others.isEmpty()
					? "no socket listens on the port now (it was freed since, or another starting instance reserved it)"
					: "no socket in the way of " + address.getHostAddress() + " listens on the port now (listeners "
							+ "on " + others + " hold other addresses)",
					manual);
		}
		Map<Long, ProcNetTcp.Entry> byInode = new HashMap<>();
		for (ProcNetTcp.Entry socket : sockets) {
			if (socket.inode() != 0) {
				byInode.putIfAbsent(socket.inode(), socket);
			}
		}
		Owner owner = findOwner(byInode, sockets.get(0).uid());
		if (owner != null) {
			List<PortHolder> holders = new ArrayList<>();
			for (long pid : sharers(owner, byInode)) {
				Long inode = (pid != owner.pid) ? findSocket(this.proc.resolve(Long.toString(pid)).resolve("fd"),
						byInode) : Long.valueOf(owner.inode);
				if (inode != null) {
					holders.add(ProcessDetails.describe(pid, null, null, byInode.get(inode).localAddress(), this.proc));
				}
			}
			return new HolderLookup(port, HolderLookup.Status.FOUND, holders, null, null, manual);
		}
		String user = UserNames.of(sockets.get(0).uid(), this.proc);
		String detail = "a socket of user " + user + " (uid " + sockets.get(0).uid() + ") holds "
				+ sockets.get(0).localAddress() + ", but its process is not visible to this user";
		return new HolderLookup(port, HolderLookup.Status.NOT_VISIBLE, List.of(), user, detail, manual);
	}

	@Override
	public List<PortHolder> listening() {
		List<ProcNetTcp.Entry> sockets = new ArrayList<>();
		sockets.addAll(allListeners(this.proc.resolve("net/tcp")));
		sockets.addAll(allListeners(this.proc.resolve("net/tcp6")));
		Map<Long, Long> owners = new HashMap<>();
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(this.proc, this::isProcess)) {
			for (Path process : processes) {
				long pid = Long.parseLong(process.getFileName().toString());
				collectSockets(process.resolve("fd"), pid, owners);
			}
		}
		catch (IOException ex) {
			// Listeners without a visible process are listed without one.
		}
		Map<Long, PortHolder> details = new HashMap<>();
		List<PortHolder> holders = new ArrayList<>();
		for (ProcNetTcp.Entry socket : sockets) {
			Long pid = owners.get(socket.inode());
			if (pid == null) {
				holders.add(new PortHolder(-1, "?", null, null, UserNames.of(socket.uid(), this.proc), null,
						socket.localAddress(), null));
				continue;
			}
			PortHolder known = details.computeIfAbsent(pid,
					(id) -> ProcessDetails.describe(id, null, null, socket.localAddress(), this.proc,
							ProcessDetails.EACH_LISTENER));
			holders.add(new PortHolder(known.pid(), known.name(), known.executable(), known.commandLine(),
					known.user(), known.startedAt(), socket.localAddress(), null));
		}
		holders.sort(Comparator.comparingInt(PortHolder::port).thenComparing(PortHolder::listening));
		return holders;
	}

	private static void collectSockets(Path fds, long pid, Map<Long, Long> owners) {
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(fds)) {
			for (Path fd : stream) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						owners.putIfAbsent(Long.parseLong(target.substring(8, target.length() - 1)), pid);
					}
				}
				catch (IOException | RuntimeException ex) {
					// The descriptor closed meanwhile.
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Another user's process, not visible.
		}
	}

	private static List<ProcNetTcp.Entry> allListeners(Path table) {
		try {
			return ProcNetTcp.parseAll(Files.readString(table));
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private @Nullable Owner findOwner(Map<Long, ProcNetTcp.Entry> byInode, int uid) {
		if (byInode.isEmpty()) {
			return null;
		}
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(this.proc)) {
			for (Path process : processes) {
				if (!isProcess(process) || !ownedBy(process, uid)) {
					continue;
				}
				Long inode = findSocket(process.resolve("fd"), byInode);
				if (inode != null) {
					return new Owner(Long.parseLong(process.getFileName().toString()), inode);
				}
			}
		}
		catch (IOException ex) {
			return null;
		}
		return null;
	}

	/**
	 * Return the processes that share the owner's socket, the owner included, lowest id first: a pre-forking
	 * server's parent and its children all hold the listening socket, and stopping one does not free the port. The
	 * owner's children are looked at, and its parent's when the parent holds the socket too.
	 */
	private List<Long> sharers(Owner owner, Map<Long, ProcNetTcp.Entry> byInode) {
		List<Long> pids = new ArrayList<>();
		pids.add(owner.pid);
		long family = owner.pid;
		long parent = parentOf(owner.pid);
		if (parent > 1 && findSocket(this.proc.resolve(Long.toString(parent)).resolve("fd"), byInode) != null) {
			pids.add(parent);
			family = parent;
		}
		List<Long> queue = new ArrayList<>(childrenOf(family));
		for (int i = 0; i < queue.size() && pids.size() < MAX_SHARERS; i++) {
			long pid = queue.get(i);
			if (pid != owner.pid && findSocket(this.proc.resolve(Long.toString(pid)).resolve("fd"), byInode) != null) {
				pids.add(pid);
				queue.addAll(childrenOf(pid));
			}
		}
		List<Long> distinct = new ArrayList<>();
		for (Long pid : pids) {
			if (!distinct.contains(pid)) {
				distinct.add(pid);
			}
		}
		Collections.sort(distinct);
		return distinct;
	}

	private long parentOf(long pid) {
		String stat = ProcessDetails.readBounded(this.proc.resolve(Long.toString(pid)).resolve("stat"), 4096);
		if (stat == null) {
			return -1;
		}
		// The command name in parentheses may hold spaces and parentheses: the fields after the last ')' count.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ");
		try {
			return (fields.length > 1) ? Long.parseLong(fields[1]) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Return a process' children from {@code /proc/<pid>/task/<tid>/children}: every thread's, as a child belongs to
	 * the thread that forked it.
	 */
	private List<Long> childrenOf(long pid) {
		List<Long> children = new ArrayList<>();
		Path taskDirectory = this.proc.resolve(Long.toString(pid)).resolve("task");
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDirectory)) {
			for (Path task : tasks) {
				String text = ProcessDetails.readBounded(task.resolve("children"), 65536);
				if (text != null) {
					for (String child : text.trim().split(" ")) {
						if (!child.isEmpty() && children.size() < MAX_SHARERS) {
							children.add(Long.parseLong(child));
						}
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// The process ended, or the kernel keeps no list of children.
		}
		return children;
	}

	private boolean isProcess(Path path) {
		String name = path.getFileName().toString();
		for (int i = 0; i < name.length(); i++) {
			if (!Character.isDigit(name.charAt(i))) {
				return false;
			}
		}
		return !name.isEmpty();
	}

	private static boolean ownedBy(Path process, int uid) {
		try {
			return ((Integer) Files.getAttribute(process, "unix:uid")) == uid;
		}
		catch (IOException | RuntimeException ex) {
			return true;
		}
	}

	private static @Nullable Long findSocket(Path fds, Map<Long, ProcNetTcp.Entry> byInode) {
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(fds)) {
			for (Path fd : stream) {
				String target;
				try {
					target = Files.readSymbolicLink(fd).toString();
				}
				catch (IOException | RuntimeException ex) {
					continue;
				}
				if (target.startsWith("socket:[")) {
					long inode = Long.parseLong(target.substring(8, target.length() - 1));
					if (byInode.containsKey(inode)) {
						return inode;
					}
				}
			}
		}
		catch (AccessDeniedException ex) {
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		return null;
	}

	private static List<ProcNetTcp.Entry> listeners(Path table, int port, boolean firstOnly) {
		try (BufferedReader reader = Files.newBufferedReader(table)) {
			return ProcNetTcp.parse(reader, port, firstOnly);
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private record Owner(long pid, long inode) {
	}

}
