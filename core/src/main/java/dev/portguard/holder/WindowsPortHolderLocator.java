package dev.portguard.holder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Finds a port's holder on Windows. {@code Get-NetTCPConnection} answers in words that are the same in every
 * Windows language (property names, the {@code State} enumeration) and sees sockets that are bound but not
 * listening ({@code Bound}), which block a port too; PowerShell takes a while to start, so {@code netstat -ano}
 * runs beside it and its answer, read by position and foreign address rather than by its localised state word, is
 * used when PowerShell does not answer in time. When no process holds a refused port, the excluded port ranges
 * are read: Hyper-V, WSL and Docker reserve ranges that refuse binds as if the port were in use.
 */
final class WindowsPortHolderLocator implements PortHolderLocator {

	private final Duration timeout;

	WindowsPortHolderLocator(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public HolderLookup locate(int port) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		String manual = OperatingSystem.WINDOWS.showHolderCommand(port);
		Answer answer = ask("-LocalPort " + port + " -State Listen,Bound", port, deadline);
		if (answer.holders == null) {
			return new HolderLookup(port, HolderLookup.Status.UNKNOWN, List.of(), null, answer.failure, manual);
		}
		if (!answer.holders.isEmpty()) {
			return new HolderLookup(port, HolderLookup.Status.FOUND, answer.holders, null, null, manual);
		}
		ExcludedPortRange excluded = excludedRange(port, deadline);
		if (excluded != null) {
			return new HolderLookup(port, HolderLookup.Status.EXCLUDED, List.of(), null, "port " + port
					+ " lies in the excluded port range " + excluded.start() + "-" + excluded.end(), manual, excluded);
		}
		return new HolderLookup(port, HolderLookup.Status.NOT_VISIBLE, List.of(), null,
				"no listening or bound socket on the port is visible to this user (" + answer.source + ")", manual);
	}

	@Override
	public List<PortHolder> listening() {
		Answer answer = ask("-State Listen", -1, System.nanoTime() + this.timeout.toNanos());
		if (answer.holders == null) {
			throw new HostListingException(String.valueOf(answer.failure), null);
		}
		List<PortHolder> holders = new ArrayList<>(answer.holders);
		holders.sort(Comparator.comparingInt(PortHolder::port));
		return holders;
	}

	/**
	 * Ask PowerShell and netstat at once; take PowerShell's answer if it comes in time, netstat's otherwise.
	 */
	private Answer ask(String filter, int port, long deadline) {
		Duration budget = Duration.ofNanos((deadline - System.nanoTime()) * 3 / 4);
		CompletableFuture<CommandRunner.Result> powerShell = async(
				() -> CommandRunner.run(powerShellCommand(filter), budget));
		CompletableFuture<CommandRunner.Result> netstat = async(
				() -> CommandRunner.run(List.of("netstat", "-ano"), budget));
		CommandRunner.Result fromPowerShell = await(powerShell, deadline);
		if (fromPowerShell != null && fromPowerShell.succeeded()) {
			netstat.cancel(false);
			return new Answer(fromPowerShell(fromPowerShell.output(), port), null, "Get-NetTCPConnection");
		}
		CommandRunner.Result fromNetstat = await(netstat, deadline);
		if (fromNetstat != null && fromNetstat.succeeded()) {
			List<PortHolder> holders = new ArrayList<>();
			for (NetstatOutput.Entry entry : NetstatOutput.parse(fromNetstat.output(), port)) {
				holders.add(named(ProcessDetails.describe(entry.pid(), null, null, entry.address(), null), deadline));
			}
			return new Answer(holders, null, "netstat -ano");
		}
		String failure = ((fromPowerShell != null) ? fromPowerShell.failure() : "PowerShell did not answer") + "; "
				+ ((fromNetstat != null) ? fromNetstat.failure() : "netstat did not answer");
		return new Answer(null, failure, "");
	}

	static List<String> powerShellCommand(String filter) {
		String process = "(Get-Process -Id $_.OwningProcess -ErrorAction SilentlyContinue)";
		String script = "[Console]::OutputEncoding=[Text.Encoding]::UTF8; Get-NetTCPConnection " + filter
				+ " -ErrorAction SilentlyContinue | Select-Object LocalAddress,LocalPort,State,OwningProcess,"
				+ "@{n='ProcessName';e={" + process + ".ProcessName}},@{n='Path';e={" + process + ".Path}}"
				+ " | Format-Table -AutoSize | Out-String -Width 4096";
		return List.of("powershell.exe", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", script);
	}

	/**
	 * One socket from {@code Get-NetTCPConnection}'s table.
	 *
	 * @param address the local address and port, such as {@code 0.0.0.0:8080} or {@code [::]:8080}
	 * @param port the local port
	 * @param state {@code Listen} or {@code Bound}
	 * @param pid the owning process
	 * @param name the process name, if the table has it
	 * @param path the executable, if the table has it
	 */
	record Listener(String address, int port, String state, long pid, @Nullable String name, @Nullable String path) {
	}

	/**
	 * Read the listening and bound sockets from {@code Get-NetTCPConnection}'s table, in the shape
	 * {@link #powerShellCommand} asks for or in its default shape (without process name and path).
	 * @param output the table
	 * @param port the port, or {@code -1} for every port
	 * @return the sockets, listening ones first
	 */
	static List<Listener> listeners(String output, int port) {
		List<Listener> listening = new ArrayList<>();
		List<Listener> bound = new ArrayList<>();
		for (Map<String, String> row : PowerShellTable.parse(output)) {
			String state = row.getOrDefault("State", "");
			long pid;
			int localPort;
			try {
				pid = Long.parseLong(row.getOrDefault("OwningProcess", ""));
				localPort = Integer.parseInt(row.getOrDefault("LocalPort", ""));
			}
			catch (NumberFormatException ex) {
				continue;
			}
			if ((port >= 0 && localPort != port) || !(state.equals("Listen") || state.equals("Bound"))) {
				continue;
			}
			String address = row.getOrDefault("LocalAddress", "");
			String name = row.get("ProcessName");
			String path = row.get("Path");
			Listener listener = new Listener((address.contains(":") ? "[" + address + "]" : address) + ":" + localPort,
					localPort, state, pid, (name == null || name.isEmpty()) ? null : name,
					(path == null || path.isEmpty()) ? null : path);
			(state.equals("Listen") ? listening : bound).add(listener);
		}
		listening.addAll(bound);
		return listening;
	}

	private static List<PortHolder> fromPowerShell(String output, int port) {
		List<PortHolder> holders = new ArrayList<>();
		for (Listener listener : listeners(output, port)) {
			PortHolder holder = ProcessDetails.describe(listener.pid(), listener.name(), null, listener.address(),
					null);
			if (holder.executable() == null && listener.path() != null) {
				holder = new PortHolder(holder.pid(), holder.name(), listener.path(), holder.commandLine(),
						holder.user(), holder.startedAt(), holder.listening(), null);
			}
			holders.add(holder);
		}
		return holders;
	}

	/**
	 * Name a process whose executable this JVM cannot see (a service's, the System process) with {@code tasklist}.
	 */
	private static PortHolder named(PortHolder holder, long deadline) {
		if (!holder.name().equals("?")) {
			return holder;
		}
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			return holder;
		}
		CommandRunner.Result tasklist = CommandRunner.run(
				List.of("tasklist", "/FI", "PID eq " + holder.pid(), "/FO", "CSV", "/NH"), Duration.ofNanos(left));
		String name = tasklist.succeeded() ? TasklistOutput.imageName(tasklist.output(), holder.pid()) : null;
		return (name != null) ? new PortHolder(holder.pid(), name, holder.executable(), holder.commandLine(),
				holder.user(), holder.startedAt(), holder.listening(), null) : holder;
	}

	private static @Nullable ExcludedPortRange excludedRange(int port, long deadline) {
		for (String family : List.of("ipv4", "ipv6")) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			CommandRunner.Result netsh = CommandRunner.run(
					List.of("netsh", "interface", family, "show", "excludedportrange", "protocol=tcp"),
					Duration.ofNanos(left));
			if (netsh.succeeded()) {
				for (ExcludedPortRange range : NetshOutput.excludedRanges(netsh.output())) {
					if (range.contains(port)) {
						return range;
					}
				}
			}
		}
		return null;
	}

	private static <T> CompletableFuture<T> async(Supplier<T> task) {
		CompletableFuture<T> future = new CompletableFuture<>();
		Thread worker = new Thread(() -> future.complete(task.get()), "portguard-windows-lookup");
		worker.setDaemon(true);
		worker.start();
		return future;
	}

	private static <T> @Nullable T await(CompletableFuture<T> future, long deadline) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private record Answer(@Nullable List<PortHolder> holders, @Nullable String failure, String source) {
	}

}
