package com.xorstack.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Takes one token from the bucket of {@code key}. */
interface TokenBuckets {

	Mono<Decision> take(String key, int replenishRate, int burstCapacity);

	record Decision(boolean allowed, long remaining) {
	}

}
