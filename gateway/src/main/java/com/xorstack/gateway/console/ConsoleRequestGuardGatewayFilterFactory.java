package com.xorstack.gateway.console;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
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
 */
@Component
class ConsoleRequestGuardGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

	ConsoleRequestGuardGatewayFilterFactory() {
		super(Object.class);
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
			return chain.filter(exchange);
		}, 0);
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
