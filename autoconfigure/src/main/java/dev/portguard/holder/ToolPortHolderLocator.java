package dev.portguard.holder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds a port's holder with the operating system's own tool: {@code lsof} on macOS and the BSDs, {@code netstat}
 * on Windows.
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
		List<PortHolder> holders = new ArrayList<>();
		if (this.os == OperatingSystem.WINDOWS) {
			String output = CommandRunner.run(List.of("netstat", "-ano"), this.timeout);
			if (output == null) {
				return unknown(port, "netstat could not be run", manual);
			}
			for (NetstatOutput.Entry entry : NetstatOutput.parse(output, port)) {
				holders.add(ProcessDetails.describe(entry.pid(), null, null, entry.address(), null));
			}
		}
		else {
			if (!CommandRunner.isAvailable("lsof")) {
				return unknown(port, "lsof is not installed", manual);
			}
			String output = CommandRunner.run(List.of("lsof", "-nP", "-iTCP:" + port, "-sTCP:LISTEN", "-F", "pcLn"),
					this.timeout);
			if (output == null) {
				return new HolderLookup(port, HolderLookup.Status.NOT_VISIBLE, List.of(), null,
						"lsof shows no listener on the port to this user", manual);
			}
			for (LsofOutput.Entry entry : LsofOutput.parse(output)) {
				holders.add(ProcessDetails.describe(entry.pid(), entry.command(), entry.login(), entry.address(), null));
			}
		}
		if (holders.isEmpty()) {
			return new HolderLookup(port, HolderLookup.Status.NOT_VISIBLE, List.of(), null,
					"no listener on the port is visible to this user", manual);
		}
		return new HolderLookup(port, HolderLookup.Status.FOUND, holders, null, null, manual);
	}

	@Override
	public List<PortHolder> listening() {
		List<PortHolder> holders = new ArrayList<>();
		if (this.os == OperatingSystem.WINDOWS) {
			String output = CommandRunner.run(List.of("netstat", "-ano"), this.timeout);
			if (output != null) {
				for (NetstatOutput.Entry entry : NetstatOutput.parse(output, -1)) {
					holders.add(ProcessDetails.describe(entry.pid(), null, null, entry.address(), null));
				}
			}
		}
		else if (CommandRunner.isAvailable("lsof")) {
			String output = CommandRunner.run(List.of("lsof", "-nP", "-iTCP", "-sTCP:LISTEN", "-F", "pcLn"),
					this.timeout);
			if (output != null) {
				for (LsofOutput.Entry entry : LsofOutput.parse(output)) {
					holders.add(ProcessDetails.describe(entry.pid(), entry.command(), entry.login(), entry.address(),
							null));
				}
			}
		}
		holders.sort(Comparator.comparingInt(PortHolder::port));
		return holders;
	}

	private static HolderLookup unknown(int port, String detail, String manual) {
		return new HolderLookup(port, HolderLookup.Status.UNKNOWN, List.of(), null, detail, manual);
	}

}
