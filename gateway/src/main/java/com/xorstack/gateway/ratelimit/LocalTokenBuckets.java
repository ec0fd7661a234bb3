package com.xorstack.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Token buckets in this process: correct for one gateway instance, which is what a local
 * run without Redis has.
 */
final class LocalTokenBuckets implements TokenBuckets {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	@Override
	public Mono<Decision> take(String key, int replenishRate, int burstCapacity) {
		Bucket bucket = this.buckets.computeIfAbsent(key, (k) -> new Bucket(burstCapacity, System.nanoTime()));
		return Mono.just(bucket.take(replenishRate, burstCapacity, System.nanoTime()));
	}

	private static final class Bucket {

		private double tokens;

		private long refilledAt;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.refilledAt = now;
		}

		synchronized Decision take(int replenishRate, int burstCapacity, long now) {
			double elapsedSeconds = (now - this.refilledAt) / 1e9;
			this.tokens = Math.min(burstCapacity, this.tokens + elapsedSeconds * replenishRate);
			this.refilledAt = now;
			if (this.tokens < 1) {
				return new Decision(false, 0);
			}
			this.tokens -= 1;
			return new Decision(true, (long) this.tokens);
		}

	}

}
