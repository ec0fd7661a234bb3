package com.xorstack.gateway.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The console's Keycloak client, discovered on first use rather than at start: the
 * gateway serves the API while Keycloak is still starting, and a failed discovery is
 * tried again on the next sign-in.
 * <p>
 * Keycloak has two addresses where it is deployed: the browser-facing one, which is the
 * issuer of its tokens, and the internal one the gateway reaches it at (in a container,
 * the public name may even be the gateway itself). The metadata is read from the internal
 * address and must name the configured issuer; with Keycloak's
 * {@code hostname-backchannel-dynamic}, it then gives the browser's endpoints (sign-in,
 * sign-out) on the public address and the gateway's own (token, keys, user info) on the
 * internal one.
 */
final class ConsoleClientRegistrations implements ReactiveClientRegistrationRepository {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleClientRegistrations.class);

	/** Long, yet short of what Reactor can hold in nanoseconds. */
	private static final Duration FOREVER = Duration.ofDays(3650);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Mono<ClientRegistration> registration;

	/**
	 * @param issuerUri the issuer of the realm's tokens (its browser-facing address)
	 * @param internalUri the same realm at the address the gateway reaches it at
	 * @param publicUrl where people reach the gateway, asked for on first use: the
	 * {@code redirect_uri} is built from it, never from the request's {@code Host} header
	 */
	ConsoleClientRegistrations(String issuerUri, String internalUri, String clientId, String clientSecret,
			Supplier<String> publicUrl) {
		this.registration = Mono.fromCallable(() -> {
			OIDCProviderMetadata metadata = discover(issuerUri, internalUri);
			return ClientRegistration.withRegistrationId(ConsoleSecurityConfiguration.REGISTRATION)
				.clientId(clientId)
				.clientSecret(clientSecret)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(publicUrl.get() + "/login/oauth2/code/{registrationId}")
				.scope("openid", "profile", "email")
				.authorizationUri(metadata.getAuthorizationEndpointURI().toASCIIString())
				.tokenUri(metadata.getTokenEndpointURI().toASCIIString())
				.jwkSetUri(metadata.getJWKSetURI().toASCIIString())
				.userInfoUri(metadata.getUserInfoEndpointURI().toASCIIString())
				.userNameAttributeName(IdTokenClaimNames.SUB)
				.issuerUri(issuerUri)
				// the sign-out reads end_session_endpoint from here
				.providerConfigurationMetadata(metadata.toJSONObject())
				.build();
		})
			.subscribeOn(Schedulers.boundedElastic())
			.doOnError((ex) -> logger.warn("Console sign-in: cannot discover {} at {}: {}", issuerUri, internalUri,
					ex.toString()))
			.cache((found) -> FOREVER, (ex) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private static OIDCProviderMetadata discover(String issuerUri, String internalUri)
			throws IOException, InterruptedException, ParseException {
		URI location = URI.create(strip(internalUri) + "/.well-known/openid-configuration");
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(location).timeout(TIMEOUT).header("Accept", "application/json").build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException(location + " answered " + response.statusCode());
			}
			OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(response.body());
			// what the internal address says must be the realm whose tokens are accepted
			if (!strip(metadata.getIssuer().getValue()).equals(strip(issuerUri))) {
				throw new IOException(location + " is the provider of issuer " + metadata.getIssuer()
						+ ", not of the configured " + issuerUri + " (OIDC_ISSUER_URI)");
			}
			return metadata;
		}
	}

	private static String strip(String uri) {
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

	@Override
	public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
		return ConsoleSecurityConfiguration.REGISTRATION.equals(registrationId) ? this.registration : Mono.empty();
	}

}
