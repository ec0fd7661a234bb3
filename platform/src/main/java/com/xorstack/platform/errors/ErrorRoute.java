package com.xorstack.platform.errors;

import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Names the route of a request for an error report: the matched pattern
 * ({@code /api/admin/feedback/{id}}) by default; the gateway declares its own (the route
 * id). Never the path itself, which may carry a user's id.
 */
@FunctionalInterface
public interface ErrorRoute {

	/** The route of requests that matched none. */
	String UNMATCHED = "unmatched";

	String of(ServerWebExchange exchange);

	static ErrorRoute matchedPattern() {
		return (exchange) -> {
			Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			if (pattern instanceof PathPattern path) {
				return path.getPatternString();
			}
			return (pattern != null) ? pattern.toString() : UNMATCHED;
		};
	}

}
