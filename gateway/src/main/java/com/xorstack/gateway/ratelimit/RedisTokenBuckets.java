package com.xorstack.gateway.ratelimit;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Token buckets in Redis, refilled and taken from in one Lua script so that concurrent
 * gateway instances never both spend the last token. A failure of Redis is passed on to
 * {@link BucketOutagePolicy}, which decides by caller.
 */
final class RedisTokenBuckets implements TokenBuckets {

	private static final RedisScript<List<Long>> TAKE = RedisScript.of("""
			local rate = tonumber(ARGV[1])
			local capacity = tonumber(ARGV[2])
			local now = tonumber(ARGV[3])
			local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
			local tokens = tonumber(state[1]) or capacity
			local at = tonumber(state[2]) or now
			tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
			local allowed = 0
			if tokens >= 1 then
			  tokens = tokens - 1
			  allowed = 1
			end
			redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
			redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
			return { allowed, math.floor(tokens) }
			""", (Class<List<Long>>) (Class<?>) List.class);

	private final ReactiveStringRedisTemplate redis;

	RedisTokenBuckets(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Mono<Decision> take(String key, int replenishRate, int burstCapacity) {
		List<String> args = List.of(Integer.toString(replenishRate), Integer.toString(burstCapacity),
				Long.toString(Instant.now().toEpochMilli()));
		return this.redis.execute(TAKE, List.of("xorstack:rate:" + key), args)
			.next()
			.map((result) -> new Decision(result.get(0) == 1L, result.get(1)));
	}

}
