package dev.portguard.actuate;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies the {@link PortsRequestGuard} on reactive servers (Reactor Netty).
 */
public class PortsWebFilter implements WebFilter, Ordered {

	private final PortsRequestGuard guard;

	/**
	 * Create the filter.
	 * @param guard the guard
	 */
	public PortsWebFilter(PortsRequestGuard guard) {
		this.guard = guard;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.guard.appliesTo(exchange.getRequest().getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		this.guard.headers().forEach(response.getHeaders()::set);
		String refusal = this.guard.refusal(exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST));
		if (refusal == null) {
			return chain.filter(exchange);
		}
		response.setStatusCode(HttpStatusCode.valueOf(PortsRequestGuard.MISDIRECTED_REQUEST));
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(refusal.getBytes(StandardCharsets.UTF_8))));
	}

	// Before Spring Security's filter chain (-100): a misdirected request is refused before anyone is authenticated.
	@Override
	public int getOrder() {
		return -200;
	}

}
