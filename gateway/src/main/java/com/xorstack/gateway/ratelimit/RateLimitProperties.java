package com.xorstack.gateway.ratelimit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param redisEnabled whether buckets live in Redis; without it each gateway instance
 * counts on its own
 * @param replenishRate tokens added per second to each caller's bucket
 * @param burstCapacity the most tokens a bucket holds
 * @param trustedProxies addresses or CIDR ranges of the proxies in front of the gateway
 * whose {@code X-Forwarded-For} names an anonymous caller; none by default, so the
 * connection's own address is the key
 */
@ConfigurationProperties("xorstack.gateway.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean redisEnabled, @DefaultValue("50") int replenishRate,
		@DefaultValue("100") int burstCapacity, @DefaultValue List<String> trustedProxies) {
}
