package com.xorstack.gateway.system;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.xorstack.platform.errors.ErrorRoute;

/**
 * The gateway's errors are reported by route id ({@code feedback-service}), as its
 * request events name them; the console's own endpoints by their pattern.
 */
@Configuration(proxyBeanMethods = false)
class ErrorReportingConfiguration {

	@Bean
	ErrorRoute gatewayErrorRoute() {
		ErrorRoute pattern = ErrorRoute.matchedPattern();
		return (exchange) -> {
			Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
			return (route != null) ? route.getId() : pattern.of(exchange);
		};
	}

}
