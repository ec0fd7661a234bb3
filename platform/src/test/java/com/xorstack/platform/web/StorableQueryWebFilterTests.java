package com.xorstack.platform.web;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class StorableQueryWebFilterTests {

	private final StorableQueryWebFilter filter = new StorableQueryWebFilter();

	@Test
	void aNulInAQueryParameterIsA400NamingIt() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/admin/feedback?status=pending&q={q}", "chest\u0000pain"));
		boolean[] passed = { false };
		this.filter.filter(exchange, (next) -> {
			passed[0] = true;
			return Mono.empty();
		}).block();
		assertThat(passed[0]).isFalse();
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"field\":\"q\"")
			.contains("\"status\":400");
	}

	@Test
	void otherQueriesPass() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/admin/feedback?q={q}", "chest pain"));
		boolean[] passed = { false };
		this.filter.filter(exchange, (next) -> {
			passed[0] = true;
			return Mono.empty();
		}).block();
		assertThat(passed[0]).isTrue();
	}

}
