package dev.portguard.diagnostics;

import java.util.ArrayList;
import java.util.List;

import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.PortHolder;
import dev.portguard.holder.PortHolderLocator;
import dev.portguard.holder.SafeText;
import dev.portguard.policy.CandidateOutcome;
import dev.portguard.policy.PortProbe;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.PortResolutionException;
import dev.portguard.policy.PortResolver;
import dev.portguard.policy.ProbeResult;
import dev.portguard.policy.Resolution;

/**
 * Runs an application's port configuration through portguard without starting it: one row per managed port with
 * its status, its holder and the port portguard would use, and an exit code that says whether start-up would
 * succeed.
 */
public final class PreflightCheck {

	private PreflightCheck() {
	}

	/**
	 * The outcome of a check.
	 *
	 * @param text the table and verdict, for people
	 * @param exitCode {@code 0} when every managed port can be served, {@code 1} otherwise
	 */
	public record Report(String text, int exitCode) {
	}

	/**
	 * Check the managed ports. Nothing is held; the application is not started.
	 * @param requests the managed ports
	 * @param auto whether auto-port is on
	 * @param locator finds the holder of a taken port
	 * @return the report
	 */
	public static Report run(List<PortRequest> requests, boolean auto, PortHolderLocator locator) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "Name", "Property", "Requested", "Address", "Status", "Held by",
				"portguard would use" });
		int problems = 0;
		List<String> would = wouldUse(requests);
		for (int i = 0; i < requests.size(); i++) {
			PortRequest request = requests.get(i);
			String status;
			String heldBy = "";
			boolean taken = false;
			if (request.requested() == 0) {
				status = "random";
			}
			else if (request.requested() < 0) {
				status = "disabled";
			}
			else {
				ProbeResult probe = PortProbe.bind().probe(request.address(), request.requested());
				status = probe.outcome().description();
				taken = probe.outcome() != CandidateOutcome.FREE;
				if (probe.outcome() == CandidateOutcome.IN_USE) {
					heldBy = heldBy(locator.locate(request.requested(), request.address()));
				}
			}
			String use = auto ? would.get(i) : (taken ? "none: portguard.auto is off" : would.get(i));
			if (taken && (!auto || use.startsWith("none"))) {
				problems++;
			}
			rows.add(new String[] { request.name(), request.property(), String.valueOf(request.requested()),
					PortResolutionException.addressText(request.address()), status, heldBy, use });
		}
		StringBuilder text = new StringBuilder("portguard pre-flight check (portguard.auto=").append(auto)
			.append(")\n\n");
		table(text, rows);
		text.append('\n');
		if (problems == 0) {
			text.append("Every managed port can be served: start-up would succeed.\n");
		}
		else {
			text.append(problems)
				.append((problems == 1) ? " port is" : " ports are")
				.append(" taken and ")
				.append(auto ? "the policy has no free candidate" : "portguard.auto is off")
				.append(": start-up would fail.\n");
		}
		return new Report(text.toString(), (problems == 0) ? 0 : 1);
	}

	private static List<String> wouldUse(List<PortRequest> requests) {
		List<String> would = new ArrayList<>();
		try {
			for (Resolution resolution : new PortResolver(PortProbe.bind(), false).resolve(requests)) {
				would.add(switch (resolution.status()) {
					case RANDOM -> "a random port";
					case DISABLED -> "none (disabled)";
					default -> String.valueOf(resolution.resolved());
				});
			}
		}
		catch (PortResolutionException ex) {
			for (PortRequest request : requests) {
				would.add(request.name().equals(ex.getRequest().name())
						? "none: " + ex.getReason().name().toLowerCase().replace('_', ' ') : "?");
			}
		}
		return would;
	}

	private static String heldBy(HolderLookup lookup) {
		PortHolder holder = lookup.holder();
		if (holder == null) {
			return switch (lookup.status()) {
				case NOT_VISIBLE -> "not visible: " + lookup.manualCommand();
				case EXCLUDED -> "excluded range " + lookup.excludedRange().start() + "-" + lookup.excludedRange().end();
				case UNKNOWN -> "unknown: " + SafeText.of(lookup.detail());
				default -> "unknown";
			};
		}
		String text = holder.pid() + " " + SafeText.of(holder.name());
		if (holder.container() != null) {
			text += ", container " + SafeText.of(holder.container().name());
		}
		return text;
	}

	private static void table(StringBuilder text, List<String[]> rows) {
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (int r = 0; r < rows.size(); r++) {
			line(text, rows.get(r), widths);
			if (r == 0) {
				String[] rule = new String[widths.length];
				for (int i = 0; i < widths.length; i++) {
					rule[i] = "-".repeat(widths[i]);
				}
				line(text, rule, widths);
			}
		}
	}

	private static void line(StringBuilder text, String[] cells, int[] widths) {
		text.append('|');
		for (int i = 0; i < cells.length; i++) {
			text.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
		}
		text.append('\n');
	}

}
