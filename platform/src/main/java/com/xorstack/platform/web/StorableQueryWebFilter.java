package com.xorstack.platform.web;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a request whose query holds a NUL character with a 400 problem naming the
 * parameter. PostgreSQL text cannot hold NUL: a search for {@code q=%00} failed in the
 * database with a 500. The JSON bodies have the same rule ({@link StorableTextModule}).
 */
public class StorableQueryWebFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
			String name = parameter.getKey();
			boolean nul = name.indexOf('\0') >= 0
					|| parameter.getValue().stream().anyMatch((value) -> value != null && value.indexOf('\0') >= 0);
			if (nul) {
				String field = name.replace("\0", "");
				return ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request", field,
						"must not contain NUL characters");
			}
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
