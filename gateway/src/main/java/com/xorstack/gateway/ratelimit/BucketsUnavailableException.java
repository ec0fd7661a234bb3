package com.xorstack.gateway.ratelimit;

/**
 * The buckets cannot be read (Redis is down) and the caller is one that is refused then:
 * answered 503 with {@code Retry-After} ({@link RateLimitProblems}).
 */
final class BucketsUnavailableException extends RuntimeException {

	BucketsUnavailableException(Throwable cause) {
		super("Rate limit buckets unavailable", cause, false, false);
	}

}
