package dev.portguard.actuate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Applies the {@link PortsRequestGuard} on servlet servers (Tomcat, Jetty).
 */
public class PortsServletFilter implements Filter, Ordered {

	private final PortsRequestGuard guard;

	/**
	 * Create the filter.
	 * @param guard the guard
	 */
	public PortsServletFilter(PortsRequestGuard guard) {
		this.guard = guard;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse
				&& this.guard.appliesTo(ServletRequestPathUtils.parse(http).pathWithinApplication())) {
			this.guard.headers().forEach(httpResponse::setHeader);
			String refusal = this.guard.refusal(http.getHeader("Host"));
			if (refusal != null) {
				httpResponse.setStatus(PortsRequestGuard.MISDIRECTED_REQUEST);
				httpResponse.setContentType("text/plain;charset=UTF-8");
				httpResponse.getOutputStream().write(refusal.getBytes(StandardCharsets.UTF_8));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	// Before Spring Security's filters (-100): a misdirected request is refused before anyone is authenticated.
	@Override
	public int getOrder() {
		return -200;
	}

}
