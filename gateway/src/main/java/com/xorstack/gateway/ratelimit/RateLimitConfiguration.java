package com.xorstack.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The limiter and key resolver that the {@code RequestRateLimiter} default filter uses
 * ({@code application.yml}), and the filter that limits anonymous callers ahead of the
 * security chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

	@Bean
	@Primary
	CallerRateLimiter callerRateLimiter(RateLimitProperties properties,
			ObjectProvider<ReactiveStringRedisTemplate> redis, ObjectProvider<MeterRegistry> meters) {
		TokenBuckets buckets;
		if (properties.redisEnabled()) {
			buckets = new RedisTokenBuckets(redis.getObject());
			log.info("Rate limits: {} requests/s per caller, burst {}, buckets in Redis", properties.replenishRate(),
					properties.burstCapacity());
		}
		else {
			buckets = new LocalTokenBuckets();
			log.warn("Rate limits: no Redis, so buckets are kept in this process only; with more than one gateway"
					+ " instance each one counts on its own. Set REDIS_HOST/REDIS_PORT and XORSTACK_REDIS_ENABLED=true"
					+ " to share them.");
		}
		BucketOutagePolicy outage = new BucketOutagePolicy(meters.getIfAvailable(SimpleMeterRegistry::new));
		return new CallerRateLimiter(buckets, properties, outage);
	}

	@Bean
	ClientAddresses clientAddresses(RateLimitProperties properties) {
		return new ClientAddresses(properties.trustedProxies());
	}

	@Bean
	@Primary
	CallerKeyResolver callerKeyResolver(ClientAddresses addresses) {
		return new CallerKeyResolver(addresses);
	}

	@Bean
	AnonymousRateLimitWebFilter anonymousRateLimitWebFilter(CallerRateLimiter limiter, ClientAddresses addresses) {
		return new AnonymousRateLimitWebFilter(limiter, addresses);
	}

	@Bean
	RateLimitProblemGlobalFilter rateLimitProblemGlobalFilter() {
		return new RateLimitProblemGlobalFilter();
	}

}
