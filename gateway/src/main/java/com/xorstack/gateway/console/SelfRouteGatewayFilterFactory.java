package com.xorstack.gateway.console;

import java.net.URI;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends a route's request back into this gateway's own API port, whatever port it got at
 * start: the console's calls, once their token is relayed, pass the same token check,
 * role table and rate limits as any other client's.
 */
@Component
class SelfRouteGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private final WebServerApplicationContext context;

	SelfRouteGatewayFilterFactory(WebServerApplicationContext context) {
		super(Object.class);
		this.context = context;
	}

	@Override
	public GatewayFilter apply(Object config) {
		return new OrderedGatewayFilter((exchange, chain) -> {
			URI target = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
			URI self = UriComponentsBuilder.fromUri(target)
				.scheme("http")
				.host("127.0.0.1")
				.port(this.context.getWebServer().getPort())
				.build(true)
				.toUri();
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, self);
			return chain.filter(exchange);
		}, RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1);
	}

}
