package com.xorstack.gateway.console;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's sign-in client and session cookie.
 *
 * @param secureCookies mark the session and CSRF cookies {@code Secure}: on wherever the
 * gateway is reached over HTTPS (production); off for plain-HTTP loopback
 * @param sessionCookie the session cookie's name
 * @param sessionTimeout how long a console session lives without a request
 * @param sessionNamespace the prefix of the sessions' Redis keys
 * ({@code <namespace>:sessions:<id>})
 * @param publicUrl where people reach the gateway (scheme, host, port, no path): the
 * sign-in's {@code redirect_uri} and the sign-out's return address are built from it,
 * never from the request's {@code Host} header, which a caller chooses
 * @param internalIssuerUri the realm at the address the gateway reaches Keycloak at, when
 * that is not the tokens' issuer (the browser-facing address): the sign-in's metadata,
 * token, keys and user info are fetched there
 * @param clientId the confidential Keycloak client the gateway signs people in with
 * @param clientSecret its secret
 * @param sessionKey the AES-256 key (base64 of 32 bytes) that session values in Redis are
 * encrypted with; required when sessions are in Redis
 * @param previousSessionKeys keys that sessions may still be encrypted with after a
 * rotation: read, never written
 * @param maxCallsInFlight how many console calls one session may have in flight at once
 * on a replica; more are refused with 429 (the page makes a handful at a time)
 * @param traceUiUrl the page of one trace in the deployment's trace UI, with
 * {@code {traceId}} where the id goes (Zipkin locally, Jaeger in compose and Kubernetes);
 * the console links trace ids to it, and shows them unlinked when it is empty
 */
@ConfigurationProperties("xorstack.gateway.console")
record ConsoleProperties(@DefaultValue("false") boolean secureCookies,
		@DefaultValue("XORSTACK_SESSION") String sessionCookie, @DefaultValue("8h") Duration sessionTimeout,
		@DefaultValue("xorstack:console") String sessionNamespace,
		@DefaultValue("http://localhost:8080") String publicUrl, @Nullable String internalIssuerUri,
		@DefaultValue("xorstack-console") String clientId, String clientSecret, @Nullable String sessionKey,
		@DefaultValue List<String> previousSessionKeys, @DefaultValue("16") int maxCallsInFlight,
		@Nullable String traceUiUrl) {
}
