package dev.portguard.diagnostics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import dev.portguard.autoconfigure.PortguardEnvironment;
import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.OperatingSystem;
import dev.portguard.holder.PortConflictAnalysis;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.Resolution;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Gathers the facts of a port conflict for the failure analyzers: which managed port asked for the port, who holds
 * it, and which port is free right now under the same policy.
 */
final class PortConflicts {

	static final String SHOW_COMMAND_LINE = "portguard.analysis.show-command-line";

	private PortConflicts() {
	}

	static PortConflictAnalysis analyze(int port, @Nullable Environment environment, PortHolderLocator locator) {
		Optional<ManagedPorts> ports = (environment != null) ? PortguardEnvironment.managedPorts(environment)
				: Optional.empty();
		Optional<Resolution> resolution = ports.flatMap((managed) -> managed.findByPort(port));
		String property = resolution.map(Resolution::property).orElse("server.port");
		InetAddress address = resolution.map(Resolution::address).orElseGet(() -> serverAddress(environment));
		PortRequest request = resolution.flatMap((found) -> ports.get().request(found.name()))
			.map((configured) -> withPort(configured, port))
			.orElseGet(() -> PortRequest.of("server", property, port, address));
		HolderLookup lookup = locator.locate(port, address);
		int free = ports.map((managed) -> managed.freePort(request))
			.orElseGet(() -> ManagedPorts.freePort(request, List.of()));
		boolean auto = ports.map(ManagedPorts::isAuto).orElse(false);
		return new PortConflictAnalysis(port, address, property, lookup, (free > 0) ? free : null, auto,
				System.getProperty("sun.java.command"), OperatingSystem.current(), showCommandLine(environment));
	}

	/**
	 * Return whether the analysis may print the holder's command line: only when
	 * {@code portguard.analysis.show-command-line} is {@code true} (in any of Boot's relaxed forms), as the log
	 * often leaves the machine. A malformed value fails start-up earlier, with its own analysis; here it counts as
	 * {@code false}.
	 */
	static boolean showCommandLine(@Nullable Environment environment) {
		if (environment == null) {
			return false;
		}
		try {
			return Binder.get(environment).bind(SHOW_COMMAND_LINE, Boolean.class).orElse(false);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static PortRequest withPort(PortRequest request, int port) {
		return new PortRequest(request.name(), request.property(), port, request.address(), request.alternatives(),
				request.maxAttempts(), request.range(), request.whenExhausted());
	}

	private static @Nullable InetAddress serverAddress(@Nullable Environment environment) {
		String address = (environment != null) ? environment.getProperty("server.address") : null;
		if (address == null || address.isBlank()) {
			return null;
		}
		try {
			return InetAddress.getByName(address.trim());
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
