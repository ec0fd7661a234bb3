package com.xorstack.gateway.console;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.xorstack.platform.web.ProblemResponses;

/**
 * Refuses at once, ahead of the rate limit and the breaker, a console call that cannot
 * succeed: a method the API has no use for (405), or a body that is not JSON (415). A
 * form-encoded body is the dangerous one: the CSRF check reads it, the relayed hop then
 * waits for a body that never comes, and each such call used to hang until the time limit
 * and count as a failure of the console's hop (issue #19).
 * <p>
 * Each session may also have only so many calls in flight
 * ({@code xorstack.gateway.console.max-calls-in-flight}): one person's calls that hang
 * cannot hold every connection and thread the console's other users need. Past it, 429 at
 * once. Counted per replica: a bulkhead, not a quota.
 */
@Component
class ConsoleRequestGuardGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

	private final int maxInFlight;

	private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	ConsoleRequestGuardGatewayFilterFactory(ConsoleProperties properties) {
		super(Object.class);
		this.maxInFlight = properties.maxCallsInFlight();
	}

	@Override
	public GatewayFilter apply(Object config) {
		// before the default filters (orders 1 and up): a refusal is never a breaker's
		// call
		return new OrderedGatewayFilter((exchange, chain) -> {
			ServerHttpRequest request = exchange.getRequest();
			if (!METHODS.contains(request.getMethod())) {
				exchange.getResponse().getHeaders().setAllow(METHODS);
				return refuse(exchange, HttpStatus.METHOD_NOT_ALLOWED,
						"The console's API takes " + METHODS.stream().map(HttpMethod::name).sorted().toList() + ".");
			}
			if (hasBody(request.getHeaders()) && !isJson(request.getHeaders().getContentType())) {
				return refuse(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
						"The console's API takes JSON bodies (application/json).");
			}
			return exchange.getSession().flatMap((session) -> withinBulkhead(session.getId(), exchange, chain));
		}, 0);
	}

	private Mono<Void> withinBulkhead(String session, ServerWebExchange exchange, GatewayFilterChain chain) {
		AtomicInteger calls = this.inFlight.computeIfAbsent(session, (id) -> new AtomicInteger());
		if (calls.incrementAndGet() > this.maxInFlight) {
			release(session, calls);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return refuse(exchange, HttpStatus.TOO_MANY_REQUESTS, "This session has " + this.maxInFlight
					+ " console calls in flight already; send more once some have answered.");
		}
		return chain.filter(exchange).doFinally((signal) -> release(session, calls));
	}

	private void release(String session, AtomicInteger calls) {
		if (calls.decrementAndGet() <= 0) {
			// no entry left behind for a session that has nothing in flight
			this.inFlight.remove(session, calls);
		}
	}

	private static boolean hasBody(HttpHeaders headers) {
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	private static boolean isJson(@Nullable MediaType type) {
		return type != null
				&& (MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix()));
	}

	private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String detail) {
		return ProblemResponses.write(exchange, status, detail);
	}

}
