package dev.portguard.diagnostics;

import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.portguard.holder.OperatingSystem;
import dev.portguard.policy.BindFailures;
import dev.portguard.policy.CandidateOutcome;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a web server's bind that failed for a reason other than "in use": "permission denied" on a privileged
 * port, and "cannot assign requested address" for a {@code server.address} that is not on this machine. Both are
 * reported as what they are, never as "in use".
 */
class BindExceptionFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private final @Nullable Environment environment;

	BindExceptionFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		CandidateOutcome outcome = BindFailures.classify(cause);
		String port = property("server.port", "8080");
		String address = property("server.address", null);
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
