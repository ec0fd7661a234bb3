package com.xorstack.auth.keycloak;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Keycloak's admin API is and how auth-service calls it.
 *
 * @param url Keycloak's base URL, such as {@code http://127.0.0.1:8180}
 * @param realm the realm whose users and roles are managed
 * @param clientId the confidential client whose service account holds the
 * realm-management rights
 * @param clientSecret its secret
 * @param timeout the time limit of one attempt of one call
 * @param retryAttempts attempts of an idempotent call, the first included
 * @param retryBackoff the first wait between attempts, doubled each time, with jitter
 * @param openFor how long an open circuit refuses calls; also the {@code Retry-After}
 */
@ConfigurationProperties("xorstack.keycloak")
public record KeycloakProperties(URI url, @DefaultValue("xorstack") String realm,
		@DefaultValue("auth-service") String clientId, String clientSecret, @DefaultValue("3s") Duration timeout,
		@DefaultValue("3") int retryAttempts, @DefaultValue("200ms") Duration retryBackoff,
		@DefaultValue("30s") Duration openFor) {

	URI adminBase() {
		return URI.create(this.url + "/admin/realms/" + this.realm);
	}

	URI tokenEndpoint() {
		return URI.create(this.url + "/realms/" + this.realm + "/protocol/openid-connect/token");
	}

}
