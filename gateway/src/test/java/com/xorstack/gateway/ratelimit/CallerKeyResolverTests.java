package com.xorstack.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class CallerKeyResolverTests {

	@Test
	void anonymousCallerIsKeyedByTheConnectionNotByAForgedHeader() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/feedback")
			.remoteAddress(new InetSocketAddress("10.1.2.3", 40000))
			.header("X-Forwarded-For", "6.6.6.6")
			.header("X-Real-IP", "6.6.6.7")
			.header("Forwarded", "for=6.6.6.8"));
		new CallerKeyResolver(new ClientAddresses(List.of())).resolve(exchange)
			.as(StepVerifier::create)
			.expectNext("anonymous:10.1.2.3")
			.verifyComplete();
	}

}
