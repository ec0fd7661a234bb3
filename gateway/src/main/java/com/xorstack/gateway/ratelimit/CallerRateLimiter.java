package com.xorstack.gateway.ratelimit;

import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;

/**
 * One bucket per caller across all routes, with the {@code X-RateLimit-*} headers that
 * let a well-behaved client slow down before it is refused. When the buckets cannot be
 * read, {@link BucketOutagePolicy} decides.
 */
final class CallerRateLimiter implements RateLimiter<CallerRateLimiter.Config> {

	private final TokenBuckets buckets;

	private final RateLimitProperties properties;

	private final Map<String, Config> config = new HashMap<>();

	private final BucketOutagePolicy outage;

	CallerRateLimiter(TokenBuckets buckets, RateLimitProperties properties, BucketOutagePolicy outage) {
		this.buckets = buckets;
		this.properties = properties;
		this.outage = outage;
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		return this.buckets.take(id, this.properties.replenishRate(), this.properties.burstCapacity())
			.onErrorResume((ex) -> this.outage.decide(id, ex))
			.map((decision) -> new Response(decision.allowed(), headers(decision)));
	}

	private Map<String, String> headers(TokenBuckets.Decision decision) {
		Map<String, String> headers = new HashMap<>();
		headers.put("X-RateLimit-Limit", Integer.toString(this.properties.burstCapacity()));
		headers.put("X-RateLimit-Replenish-Rate", Integer.toString(this.properties.replenishRate()));
		headers.put("X-RateLimit-Remaining", Long.toString(Math.max(decision.remaining(), 0)));
		if (!decision.allowed()) {
			headers.put("Retry-After", "1");
		}
		return headers;
	}

	@Override
	public Map<String, Config> getConfig() {
		return this.config;
	}

	@Override
	public Class<Config> getConfigClass() {
		return Config.class;
	}

	@Override
	public Config newConfig() {
		return new Config();
	}

	/** Rates are global settings ({@link RateLimitProperties}), not per route. */
	static final class Config {

	}

}
