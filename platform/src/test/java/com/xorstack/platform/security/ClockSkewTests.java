package com.xorstack.platform.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/**
 * Spring Security's default JWT validation accepts a token for 60 s after its
 * {@code exp}: the decoder every service and the gateway use allows a few seconds.
 */
class ClockSkewTests {

	private final KeyPair keys = rsa();

	private final NimbusReactiveJwtDecoder spring = NimbusReactiveJwtDecoder
		.withPublicKey((RSAPublicKey) this.keys.getPublic())
		.build();

	@Test
	void springAloneAcceptsATokenThirtySecondsPastItsExpiry() {
		StepVerifier.create(this.spring.decode(token(Instant.now().minusSeconds(30))))
			.expectNextCount(1)
			.verifyComplete();
	}

	@Test
	void theSuitesDecoderRefusesATokenMoreThanItsSkewPastItsExpiry() {
		CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(this.spring, 100, Duration.ofMinutes(5),
				Clock.systemUTC(), Duration.ofSeconds(5));
		StepVerifier.create(decoder.decode(token(Instant.now().minusSeconds(30))))
			.expectError(JwtValidationException.class)
			.verify();
		StepVerifier.create(decoder.decode(token(Instant.now().plusSeconds(60)))).expectNextCount(1).verifyComplete();
		StepVerifier.create(decoder.decode(token(Instant.now().minusSeconds(2)))).expectNextCount(1).verifyComplete();
	}

	private String token(Instant expiresAt) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
					new JWTClaimsSet.Builder().subject("alice")
						.issueTime(Date.from(expiresAt.minusSeconds(300)))
						.expirationTime(Date.from(expiresAt))
						.build());
			jwt.sign(new RSASSASigner((RSAPrivateKey) this.keys.getPrivate()));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
