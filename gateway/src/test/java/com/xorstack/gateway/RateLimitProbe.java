package com.xorstack.gateway;

import org.jspecify.annotations.Nullable;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sends one caller's requests in a row and tells how many the rate limiter refused, with
 * the last refusal to look at.
 */
public record RateLimitProbe(int refusals, @Nullable EntityExchangeResult<String> lastRefusal) {

	public static RateLimitProbe hammer(WebTestClient web, String token, int requests) {
		int refusals = 0;
		EntityExchangeResult<String> lastRefusal = null;
		for (int i = 0; i < requests; i++) {
			EntityExchangeResult<String> result = web.get()
				.uri("/api/feedback")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectBody(String.class)
				.returnResult();
			if (result.getStatus().value() == 429) {
				refusals++;
				lastRefusal = result;
			}
		}
		return new RateLimitProbe(refusals, lastRefusal);
	}

}
