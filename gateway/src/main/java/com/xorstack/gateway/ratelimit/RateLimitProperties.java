package com.xorstack.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param redisEnabled whether buckets live in Redis; without it each gateway instance
 * counts on its own
 * @param replenishRate tokens added per second to each caller's bucket
 * @param burstCapacity the most tokens a bucket holds
 */
@ConfigurationProperties("xorstack.gateway.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean redisEnabled, @DefaultValue("50") int replenishRate,
		@DefaultValue("100") int burstCapacity) {
}
