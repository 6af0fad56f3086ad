package dev.portguard.diagnostics;

import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.portguard.autoconfigure.PortguardEnvironment;
import dev.portguard.holder.OperatingSystem;
import dev.portguard.holder.PortConflictAnalysis;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.policy.BindFailures;
import dev.portguard.policy.CandidateOutcome;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a web server's bind failure that reached the application as a plain {@link BindException}: "permission
 * denied" on a privileged port and "cannot assign requested address" for a {@code server.address} that is not on
 * this machine, each reported as what it is, never as "in use"; and "in use" itself where Boot did not recognise it.
 * Boot turns a bind failure into its {@code PortInUseException} only when the message has the English words "in
 * use", so on a system that speaks another language the server's failure arrives here, and is explained with the
 * holder and the remedies as {@link PortInUseFailureAnalyzer} does. Boot's exceptions are known by name: this
 * analyzer is loaded in applications without a web server too.
 */
class BindExceptionFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private final @Nullable Environment environment;

	private final PortHolderLocator locator;

	BindExceptionFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
		this.locator = PortHolderLocator.forThisMachine();
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (hasCause(rootFailure, "org.springframework.boot.web.server.PortInUseException")
				|| hasCause(rootFailure, "org.springframework.boot.tomcat.ConnectorStartFailedException")) {
			return null;
		}
		String port = property("server.port", "8080");
		String address = property("server.address", null);
		CandidateOutcome outcome = BindFailures.classify(rootFailure, parseAddress(address), parsePort(port));
		if (outcome == CandidateOutcome.IN_USE) {
			int failed = portInUse(rootFailure);
			PortConflictAnalysis analysis = PortConflicts.analyze(failed, this.environment, this.locator);
			return new FailureAnalysis(
					analysis.description("Web server failed to start. " + analysis.where() + " is already in use."),
					analysis.action(), cause);
		}
		if (outcome == CandidateOutcome.PERMISSION_DENIED) {
			return new FailureAnalysis("Web server failed to start. Port " + port + " on "
					+ ((address != null) ? address : "* (every interface)") + " (server.port) cannot be bound: "
					+ "permission denied. Ports below 1024 are privileged.",
					"1. Use a port of 1024 or above: --server.port=" + unprivileged(port) + "\n"
							+ "2. Or grant the Java binary the capability to bind privileged ports"
							+ ((OperatingSystem.current() == OperatingSystem.LINUX)
									? ": sudo setcap 'cap_net_bind_service=+ep' " + javaBinary() : ".")
							+ "\n3. Or let portguard choose a free port at start-up: portguard.auto=true",
					cause);
		}
		if (outcome == CandidateOutcome.ADDRESS_NOT_AVAILABLE) {
			return new FailureAnalysis("Web server failed to start. server.address=" + address
					+ " cannot be bound on port " + port + ": cannot assign requested address. It is not an address "
					+ "of this machine.",
					"Set server.address to an address of this machine, or leave it unset to bind every interface. "
							+ "This machine's addresses: " + String.join(", ", localAddresses()) + ".",
					cause);
		}
		return null;
	}

	/**
	 * Find the port whose bind failed: the one the failure names (Reactor Netty's bind exception carries it), else
	 * the first of the application's ports that is taken now (server, management, then portguard's own), else the
	 * server port.
	 */
	private int portInUse(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
			if (current.getClass().getName().equals("reactor.netty.ChannelBindException")) {
				try {
					Object port = current.getClass().getMethod("localPort").invoke(current);
					if (port instanceof Integer number && number > 0) {
						return number;
					}
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					break;
				}
			}
		}
		Set<Integer> ports = new LinkedHashSet<>();
		ports.add(parsePort(property("server.port", "8080")));
		ports.add(parsePort(property("management.server.port", "-1")));
		if (this.environment != null) {
			PortguardEnvironment.managedPorts(this.environment)
				.ifPresent((managed) -> managed.report()
					.resolutions()
					.forEach((resolution) -> ports.add(resolution.resolved())));
		}
		for (int port : ports) {
			if (PortProbes.isInUse(port)) {
				return port;
			}
		}
		return parsePort(property("server.port", "8080"));
	}

	private static boolean hasCause(Throwable failure, String className) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
			for (Class<?> type = current.getClass(); type != null; type = type.getSuperclass()) {
				if (type.getName().equals(className)) {
					return true;
				}
			}
		}
		return false;
	}

	private static int parsePort(String port) {
		try {
			return Integer.parseInt(port.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static @Nullable InetAddress parseAddress(@Nullable String address) {
		if (address == null) {
			return null;
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException | RuntimeException ex) {
			return null;
		}
	}

	private @Nullable String property(String name, @Nullable String fallback) {
		String value = (this.environment != null) ? this.environment.getProperty(name) : null;
		return (value != null && !value.isBlank()) ? value.trim() : fallback;
	}

	private static String unprivileged(String port) {
		try {
			int number = Integer.parseInt(port);
			return String.valueOf((number < 1024) ? number + 8000 : number);
		}
		catch (NumberFormatException ex) {
			return "8080";
		}
	}

	static String javaBinary() {
		return ProcessHandle.current().info().command().orElse("$(readlink -f $(which java))");
	}

	static List<String> localAddresses() {
		List<String> addresses = new ArrayList<>();
		try {
			for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (network.isUp()) {
					for (InetAddress address : Collections.list(network.getInetAddresses())) {
						addresses.add(address.getHostAddress().replaceAll("%.*$", ""));
					}
				}
			}
		}
		catch (SocketException ex) {
			addresses.add("(cannot be listed: " + ex.getMessage() + ")");
		}
		return addresses;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
