package com.xorstack.auth.keycloak;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The service account's access token by client credentials, shared by all calls until
 * shortly before it expires; a failed fetch is not cached, so the next call tries again.
 */
final class KeycloakTokens {

	/** Renew this long before expiry, so that no call carries a token about to lapse. */
	private static final Duration EARLY = Duration.ofSeconds(30);

	private final Mono<String> token;

	KeycloakTokens(WebClient web, KeycloakProperties properties, KeycloakResilience resilience) {
		Mono<TokenResponse> fetch = web.post()
			.uri(properties.tokenEndpoint())
			.body(BodyInserters.fromFormData("grant_type", "client_credentials")
				.with("client_id", properties.clientId())
				.with("client_secret", properties.clientSecret()))
			.retrieve()
			.bodyToMono(TokenResponse.class);
		this.token = resilience.idempotent("keycloak-token", fetch)
			.cache(KeycloakTokens::reuseFor, (ex) -> Duration.ZERO, () -> Duration.ZERO)
			.map(TokenResponse::accessToken);
	}

	Mono<String> get() {
		return this.token;
	}

	private static Duration reuseFor(TokenResponse response) {
		Duration lifetime = Duration.ofSeconds(response.expiresIn());
		return lifetime.compareTo(EARLY.multipliedBy(2)) > 0 ? lifetime.minus(EARLY) : lifetime.dividedBy(2);
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
	}

}
