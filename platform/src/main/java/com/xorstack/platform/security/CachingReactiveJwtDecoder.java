package com.xorstack.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers the tokens it has already verified, so that a client sending the same access
 * token on every request pays for the RSA signature check and the claim validation once,
 * not on each call. The key is the whole compact token (header, claims and signature), so
 * a hit is the very token that was verified, and it is only answered from memory while it
 * is unexpired: an entry leaves the cache at the token's {@code exp} or after
 * {@code maxAge}, whichever comes first, and a hit past {@code exp} is refused to the
 * delegate, which rejects it. A token whose signing key is withdrawn from the realm's
 * JWKS is thus still accepted for at most {@code maxAge}.
 * <p>
 * It also holds every token to its times within {@code clockSkew}: Spring Security's
 * default validation allows 60 s past {@code exp}, a minute more in which a revoked role
 * keeps working; a few seconds cover the clocks of one deployment.
 */
public final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

	/** How far the clocks of one deployment may disagree. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);

	private final ReactiveJwtDecoder delegate;

	private final Cache<String, Jwt> verified;

	private final Clock clock;

	private final Duration clockSkew;

	public CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, long maximumSize, Duration maxAge, Clock clock) {
		this(delegate, maximumSize, maxAge, clock, DEFAULT_CLOCK_SKEW);
	}

	public CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, long maximumSize, Duration maxAge, Clock clock,
			Duration clockSkew) {
		this.delegate = delegate;
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.verified = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt, maxAge, clock)))
			.build();
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt known = this.verified.getIfPresent(token);
		if (known != null && unexpired(known, this.clock.instant())) {
			return Mono.just(known);
		}
		return this.delegate.decode(token).flatMap(this::withinSkew).doOnNext((jwt) -> this.verified.put(token, jwt));
	}

	private Mono<Jwt> withinSkew(Jwt jwt) {
		Instant now = this.clock.instant();
		Instant expiresAt = jwt.getExpiresAt();
		Instant notBefore = jwt.getNotBefore();
		if (expiresAt != null && now.isAfter(expiresAt.plus(this.clockSkew))) {
			return Mono.error(invalid("Jwt expired at " + expiresAt));
		}
		if (notBefore != null && now.isBefore(notBefore.minus(this.clockSkew))) {
			return Mono.error(invalid("Jwt used before " + notBefore));
		}
		return Mono.just(jwt);
	}

	private static JwtValidationException invalid(String description) {
		return new JwtValidationException(description,
				List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null)));
	}

	/** How many verified tokens are held, for tests. */
	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	private static boolean unexpired(Jwt jwt, Instant now) {
		Instant expiresAt = jwt.getExpiresAt();
		Instant notBefore = jwt.getNotBefore();
		return (expiresAt == null || now.isBefore(expiresAt)) && (notBefore == null || !now.isBefore(notBefore));
	}

	private static Duration lifetime(Jwt jwt, Duration maxAge, Clock clock) {
		@Nullable Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return maxAge;
		}
		Duration left = Duration.between(clock.instant(), expiresAt);
		return left.isNegative() ? Duration.ZERO : (left.compareTo(maxAge) < 0 ? left : maxAge);
	}

}
