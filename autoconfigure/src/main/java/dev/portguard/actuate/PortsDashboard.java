package dev.portguard.actuate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import dev.portguard.holder.SafeText;
import org.jspecify.annotations.Nullable;

/**
 * Renders the {@code ports} report as a self-contained HTML page: inline CSS, no script, no external request, and
 * every value escaped as the failure analysis escapes it ({@link SafeText}) and then for HTML, since names, paths
 * and command lines come from other processes.
 */
final class PortsDashboard {

	private static final String STYLE = """
			body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d1f21;\
			background:#fafafa}
			h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
			p.meta{color:#666;margin:0 0 16px}
			table{border-collapse:collapse;background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.1)}
			th,td{padding:6px 10px;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}
			th{background:#f0f0f0;font-weight:600}
			td.num{font-variant-numeric:tabular-nums}
			.status{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px}
			.preferred{background:#d8f3dc;color:#1b5e20}.fallback,.ephemeral{background:#fff3cd;color:#7a5b00}
			.not-bound{background:#f8d7da;color:#842029}.random,.disabled,.fixed{background:#e2e3e5;color:#41464b}
			.note{background:#fff3cd;border-left:4px solid #e0a800;padding:8px 12px;margin:12px 0}
			code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;word-break:break-all}
			""";

	/**
	 * The page's content security policy: nothing may load or run but its own style sheet, named by its hash, and
	 * no other page may frame it.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
			+ "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	// A <meta> policy ignores frame-ancestors (and browsers warn about it), so the page carries the rest; the HTTP
	// header is the complete one.
	private static final String META_POLICY = CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", "");

	private PortsDashboard() {
	}

	static String render(PortsDescriptor report, Duration refresh) {
		StringBuilder html = new StringBuilder(4096);
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta http-equiv=\"refresh\" content=\"")
			.append(Math.max(1, refresh.toSeconds()))
			.append("\"><meta http-equiv=\"Content-Security-Policy\" content=\"")
			.append(META_POLICY)
			.append("\"><meta name=\"referrer\" content=\"no-referrer\"><title>Ports</title><style>")
			.append(STYLE)
			.append("</style></head><body>\n<h1>Ports</h1>\n<p class=\"meta\">auto-port ")
			.append(report.policy().auto() ? "on" : "off")
			.append(" &middot; observed ")
			.append(escape(String.valueOf(report.observedAt())))
			.append(" &middot; refreshes every ")
			.append(Math.max(1, refresh.toSeconds()))
			.append(" s</p>\n");
		if (report.policy().note() != null) {
			html.append("<p class=\"note\">").append(escape(report.policy().note())).append("</p>\n");
		}
		PortsDescriptor.HostView host = report.host();
		if (host != null && !host.state().equals("fresh")) {
			html.append("<p class=\"note\" id=\"host-view\">The view of this host is ")
				.append(escape(host.state()))
				.append(host.state().equals("stale") ? " (" + host.ageMillis() / 1000 + " s old)" : "")
				.append(": ")
				.append(escape(host.problem()))
				.append("</p>\n");
		}
		for (PortsDescriptor.Port port : report.ports()) {
			if (port.exposureNote() != null) {
				html.append("<p class=\"note\" id=\"exposure-")
					.append(escape(port.name()))
					.append("\"><strong>")
					.append(escape(port.name()))
					.append("</strong> ")
					.append(escape(port.exposureNote()))
					.append(".</p>\n");
			}
		}
		html.append("<table id=\"ports\"><thead><tr><th>Service</th><th>Property</th><th>Port requested</th>")
			.append("<th>Port in use</th><th>Status</th><th>Address</th><th>Held by</th><th>Why</th><th>Policy</th>")
			.append("</tr></thead><tbody>\n");
		for (PortsDescriptor.Port port : report.ports()) {
			html.append("<tr data-name=\"")
				.append(escape(port.name()))
				.append("\"><td>")
				.append(escape(port.name()))
				.append("</td><td><code>")
				.append(escape(port.property()))
				.append("</code></td><td class=\"num\">")
				.append(port.requested())
				.append("</td><td class=\"num\">")
				.append((port.actual() != null) ? String.valueOf(port.actual()) : "&ndash;")
				.append("</td><td><span class=\"status ")
				.append(escape(port.status()))
				.append("\">")
				.append(escape(port.status()))
				.append("</span></td><td>")
				.append(escape(port.address()))
				.append(" (")
				.append(escape(port.exposure()))
				.append(")</td><td>")
				.append(holder(port.heldBy()))
				.append("</td><td>")
				.append(escape(port.reason()))
				.append("</td><td>")
				.append(escape(port.policy()))
				.append("</td></tr>\n");
		}
		html.append("</tbody></table>\n<h2>System ports currently in use</h2>\n");
		if (report.systemPorts().isEmpty() && host != null && host.listeners() > 0) {
			html.append("<p class=\"meta\" id=\"system-ports-hidden\">")
				.append(host.listeners())
				.append(" listening sockets; which ones is shown only with process details ")
				.append("(management.endpoint.ports.show-details)</p>\n");
		}
		html
			.append("<table id=\"system-ports\"><thead><tr><th>Port</th><th>Address</th><th>Process</th>")
			.append("<th>Command</th></tr></thead><tbody>\n");
		for (PortsDescriptor.Listener listener : report.systemPorts()) {
			PortsDescriptor.Holder holder = listener.holder();
			html.append("<tr><td class=\"num\">")
				.append(listener.port())
				.append("</td><td>")
				.append(escape(listener.address()))
				.append("</td><td>")
				.append((holder != null) ? escape(holder.process()) + " (" + holder.pid() + ")" : "&ndash;")
				.append("</td><td><code>")
				.append((holder != null) ? escape(holder.commandLine()) : "")
				.append("</code></td></tr>\n");
		}
		html.append("</tbody></table>\n</body></html>\n");
		return html.toString();
	}

	private static String holder(PortsDescriptor.@Nullable Holder holder) {
		if (holder == null) {
			return "";
		}
		if (holder.pid() == null) {
			return "another process";
		}
		String text = escape(holder.process()) + " (pid " + holder.pid() + ", " + escape(holder.user()) + ")";
		if (holder.container() != null) {
			text += "<br>container " + escape(holder.container());
		}
		return text + "<br><code>" + escape(holder.commandLine()) + "</code>";
	}

	static String escape(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String safe = SafeText.of(text);
		StringBuilder escaped = new StringBuilder(safe.length() + 16);
		for (int i = 0; i < safe.length(); i++) {
			char c = safe.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return "sha256-" + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
