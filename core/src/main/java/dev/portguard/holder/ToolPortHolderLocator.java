package dev.portguard.holder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds a port's holder on macOS and the BSDs with the system's own tool: {@code lsof} on macOS, {@code sockstat}
 * on FreeBSD (whose base system has no {@code lsof}).
 */
final class ToolPortHolderLocator implements PortHolderLocator {

	private final OperatingSystem os;

	private final Duration timeout;

	ToolPortHolderLocator(OperatingSystem os, Duration timeout) {
		this.os = os;
		this.timeout = timeout;
	}

	@Override
	public HolderLookup locate(int port) {
		String manual = this.os.showHolderCommand(port);
		String tool = (this.os == OperatingSystem.FREEBSD) ? "sockstat" : "lsof";
		if (!CommandRunner.isAvailable(tool)) {
			return new HolderLookup(port, HolderLookup.Status.UNKNOWN, List.of(), null, tool + " is not installed",
					manual);
		}
		CommandRunner.Result result = CommandRunner.run(command(port), this.timeout);
		// lsof exits with 1 when it finds nothing.
		boolean answered = result.succeeded()
				|| (result.outcome() == CommandRunner.Outcome.EXITED && result.output().isBlank());
		if (!answered) {
			return new HolderLookup(port, HolderLookup.Status.UNKNOWN, List.of(), null, result.failure(), manual);
		}
		List<PortHolder> holders = holders(result.output(), port);
		if (holders.isEmpty()) {
			return new HolderLookup(port, HolderLookup.Status.NOT_VISIBLE, List.of(), null,
					tool + " shows no listener on the port to this user", manual);
		}
		return new HolderLookup(port, HolderLookup.Status.FOUND, holders, null, null, manual);
	}

	@Override
	public List<PortHolder> listening() {
		String tool = (this.os == OperatingSystem.FREEBSD) ? "sockstat" : "lsof";
		if (!CommandRunner.isAvailable(tool)) {
			throw new HostListingException(tool + " is not installed", null);
		}
		CommandRunner.Result result = CommandRunner.run(command(-1), this.timeout);
		if (result.outcome() != CommandRunner.Outcome.EXITED) {
			throw new HostListingException(result.failure(), null);
		}
		List<PortHolder> holders = new ArrayList<>(holders(result.output(), -1));
		holders.sort(Comparator.comparingInt(PortHolder::port));
		return holders;
	}

	private List<String> command(int port) {
		if (this.os == OperatingSystem.FREEBSD) {
			return (port < 0) ? List.of("sockstat", "-46", "-l", "-P", "tcp")
					: List.of("sockstat", "-46", "-l", "-P", "tcp", "-p", Integer.toString(port));
		}
		return List.of("lsof", "-nP", (port < 0) ? "-iTCP" : "-iTCP:" + port, "-sTCP:LISTEN", "-F", "pcLn");
	}

	private List<PortHolder> holders(String output, int port) {
		List<PortHolder> holders = new ArrayList<>();
		if (this.os == OperatingSystem.FREEBSD) {
			for (SockstatOutput.Entry entry : SockstatOutput.parse(output, port)) {
				holders.add(ProcessDetails.describe(entry.pid(), entry.command(), entry.user(), entry.address(), null));
			}
		}
		else {
			for (LsofOutput.Entry entry : LsofOutput.parse(output)) {
				holders.add(ProcessDetails.describe(entry.pid(), entry.command(), entry.login(), entry.address(), null));
			}
		}
		return holders;
	}

}
