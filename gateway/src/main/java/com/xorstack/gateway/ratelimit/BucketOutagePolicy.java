package com.xorstack.gateway.ratelimit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What a request gets when its bucket cannot be read. Signed-in people pass: they are
 * known, few, and the console must keep working while Redis is repaired. Anonymous
 * callers and service accounts (ingest, which sends in bulk) are refused: an outage of
 * Redis must not take the limit off exactly the callers it is there for. Either way the
 * outage is counted ({@value #METRIC}) and logged, at most once every ten seconds.
 */
final class BucketOutagePolicy {

	static final String METRIC = "xorstack.gateway.ratelimit.unavailable";

	private static final Logger log = LoggerFactory.getLogger(BucketOutagePolicy.class);

	private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Counter allowed;

	private final Counter refused;

	private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());

	BucketOutagePolicy(MeterRegistry registry) {
		this.allowed = Counter.builder(METRIC)
			.description("Requests whose rate limit could not be checked")
			.tag("outcome", "allowed")
			.register(registry);
		this.refused = Counter.builder(METRIC)
			.description("Requests whose rate limit could not be checked")
			.tag("outcome", "refused")
			.register(registry);
	}

	Mono<TokenBuckets.Decision> decide(String key, Throwable ex) {
		boolean signedIn = key.startsWith(CallerKeyResolver.USER) || key.startsWith(CallerKeyResolver.CONSOLE);
		(signedIn ? this.allowed : this.refused).increment();
		logNowAndThen(ex);
		return signedIn ? Mono.just(new TokenBuckets.Decision(true, -1))
				: Mono.error(new BucketsUnavailableException(ex));
	}

	private void logNowAndThen(Throwable ex) {
		long now = System.nanoTime();
		long due = this.nextLogAt.get();
		if (now - due >= 0 && this.nextLogAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
			log.warn("Rate limits cannot be checked ({}): signed-in users pass unchecked, anonymous callers and"
					+ " service accounts are refused with 503; see the {} counter", ex.toString(), METRIC);
		}
	}

}
