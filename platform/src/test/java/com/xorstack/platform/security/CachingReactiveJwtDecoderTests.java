package com.xorstack.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class CachingReactiveJwtDecoderTests {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final IssuedTokens issued = new IssuedTokens(this.clock);

	@Test
	void aTokenIsVerifiedOnceAndThenAnsweredFromMemory() {
		this.issued.issue("token-a", "alice", NOW.plusSeconds(300));
		CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(this.issued, 100, Duration.ofMinutes(5),
				this.clock);
		for (int i = 0; i < 5; i++) {
			StepVerifier.create(decoder.decode("token-a"))
				.assertNext((jwt) -> assertThat(jwt.getSubject()).isEqualTo("alice"))
				.verifyComplete();
		}
		assertThat(this.issued.verifications.get()).isEqualTo(1);
	}

	@Test
	void eachDistinctTokenIsVerifiedOnItsOwn() {
		this.issued.issue("token-a", "alice", NOW.plusSeconds(300));
		this.issued.issue("token-b", "bob", NOW.plusSeconds(300));
		CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(this.issued, 100, Duration.ofMinutes(5),
				this.clock);
		StepVerifier.create(decoder.decode("token-a")).expectNextCount(1).verifyComplete();
		StepVerifier.create(decoder.decode("token-b"))
			.assertNext((jwt) -> assertThat(jwt.getSubject()).isEqualTo("bob"))
			.verifyComplete();
		assertThat(this.issued.verifications.get()).isEqualTo(2);
	}

	@Test
	void aTokenThatExpiredWhileRememberedGoesBackToTheDelegateAndIsRefused() {
		this.issued.issue("token-a", "alice", NOW.plusSeconds(60));
		CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(this.issued, 100, Duration.ofMinutes(5),
				this.clock);
		StepVerifier.create(decoder.decode("token-a")).expectNextCount(1).verifyComplete();
		this.clock.now = NOW.plusSeconds(61);
		StepVerifier.create(decoder.decode("token-a")).expectError(JwtValidationException.class).verify();
		assertThat(this.issued.verifications.get()).isEqualTo(2);
	}

	@Test
	void aRefusedTokenIsNeverRemembered() {
		CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(this.issued, 100, Duration.ofMinutes(5),
				this.clock);
		StepVerifier.create(decoder.decode("forged")).expectError(BadJwtException.class).verify();
		StepVerifier.create(decoder.decode("forged")).expectError(BadJwtException.class).verify();
		assertThat(this.issued.verifications.get()).isEqualTo(2);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void theCacheHoldsNoMoreThanItsMaximumSize() {
		CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(this.issued, 10, Duration.ofMinutes(5),
				this.clock);
		for (int i = 0; i < 100; i++) {
			this.issued.issue("token-" + i, "user-" + i, NOW.plusSeconds(300));
			StepVerifier.create(decoder.decode("token-" + i)).expectNextCount(1).verifyComplete();
		}
		assertThat(decoder.size()).isLessThanOrEqualTo(10);
	}

	/** The realm: verifies the tokens it issued, refuses expired and unknown ones. */
	private static final class IssuedTokens implements ReactiveJwtDecoder {

		private final Map<String, Jwt> tokens = new HashMap<>();

		private final AtomicInteger verifications = new AtomicInteger();

		private final Clock clock;

		IssuedTokens(Clock clock) {
			this.clock = clock;
		}

		void issue(String token, String subject, Instant expiresAt) {
			this.tokens.put(token,
					Jwt.withTokenValue(token)
						.header("alg", "RS256")
						.subject(subject)
						.issuedAt(expiresAt.minusSeconds(300))
						.expiresAt(expiresAt)
						.build());
		}

		@Override
		public Mono<Jwt> decode(String token) {
			this.verifications.incrementAndGet();
			Jwt jwt = this.tokens.get(token);
			if (jwt == null) {
				return Mono.error(new BadJwtException("unknown token"));
			}
			if (!this.clock.instant().isBefore(jwt.getExpiresAt())) {
				return Mono.error(new JwtValidationException("expired",
						List.of(new OAuth2Error("invalid_token", "expired", null))));
			}
			return Mono.just(jwt);
		}

	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
