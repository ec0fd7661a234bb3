package com.xorstack.metrics.outbound;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP client for admin-given URLs. A host name is resolved by the guard inside
 * Netty's connect ({@link GuardedResolverGroup}); Reactor Netty connects to an IP literal
 * without asking any resolver, so a filter checks literals before the exchange. Redirects
 * are not followed: a 3xx is the caller's answer, never a second request. The Host header
 * and TLS SNI stay the URL's host.
 */
@Component
public class OutboundHttp {

	private final WebClient client;

	private final OutboundGuard guard;

	OutboundHttp(OutboundGuard guard) {
		this.guard = guard;
		HttpClient http = HttpClient.create().resolver(new GuardedResolverGroup(guard)).followRedirect(false);
		this.client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.filter(this::literalsChecked)
			.build();
	}

	public WebClient client() {
		return this.client;
	}

	private Mono<ClientResponse> literalsChecked(ClientRequest request, ExchangeFunction next) {
		String host = request.url().getHost();
		if (host == null || !OutboundGuard.isLiteral(host)) {
			return next.exchange(request);
		}
		// no DNS for a literal: checking it on the event loop does not block
		return Mono.fromCallable(() -> this.guard.resolve(host)).then(next.exchange(request));
	}

}
