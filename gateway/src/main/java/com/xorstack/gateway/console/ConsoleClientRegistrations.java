package com.xorstack.gateway.console;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The console's Keycloak client, discovered from the issuer on first use rather than at
 * start: the gateway serves the API while Keycloak is still starting, and a failed
 * discovery is tried again on the next sign-in.
 */
final class ConsoleClientRegistrations implements ReactiveClientRegistrationRepository {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleClientRegistrations.class);

	/** Long, yet short of what Reactor can hold in nanoseconds. */
	private static final Duration FOREVER = Duration.ofDays(3650);

	private final Mono<ClientRegistration> registration;

	/**
	 * @param publicUrl where people reach the gateway, asked for on first use: the
	 * {@code redirect_uri} is built from it, never from the request's {@code Host} header
	 */
	ConsoleClientRegistrations(String issuerUri, String clientId, String clientSecret, Supplier<String> publicUrl) {
		this.registration = Mono
			.fromCallable(() -> ClientRegistrations.fromIssuerLocation(issuerUri)
				.registrationId(ConsoleSecurityConfiguration.REGISTRATION)
				.clientId(clientId)
				.clientSecret(clientSecret)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(publicUrl.get() + "/login/oauth2/code/{registrationId}")
				.scope("openid", "profile", "email")
				.build())
			.subscribeOn(Schedulers.boundedElastic())
			.doOnError((ex) -> logger.warn("Console sign-in: cannot discover {}: {}", issuerUri, ex.toString()))
			.cache((found) -> FOREVER, (ex) -> Duration.ZERO, () -> Duration.ZERO);
	}

	@Override
	public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
		return ConsoleSecurityConfiguration.REGISTRATION.equals(registrationId) ? this.registration : Mono.empty();
	}

}
