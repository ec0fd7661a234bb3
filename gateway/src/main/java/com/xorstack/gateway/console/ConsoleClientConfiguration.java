package com.xorstack.gateway.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;

@Configuration(proxyBeanMethods = false)
class ConsoleClientConfiguration {

	@Bean
	ReactiveClientRegistrationRepository consoleClientRegistrations(
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuerUri,
			ConsoleProperties properties, Environment environment) {
		String internal = properties.internalIssuerUri();
		String internalUri = (internal != null && !internal.isBlank()) ? internal : issuerUri;
		return new ConsoleClientRegistrations(issuerUri, internalUri, properties.clientId(), properties.clientSecret(),
				() -> publicUrl(properties, environment));
	}

	/**
	 * The configured public URL without a trailing slash. Resolved again on first use, so
	 * that a test may name its random port ({@code ${local.server.port}}), known only
	 * once the server is up.
	 */
	static String publicUrl(ConsoleProperties properties, Environment environment) {
		String url = environment.resolveRequiredPlaceholders(properties.publicUrl());
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * The session's tokens stay in its server-side session: signing out or the session
	 * expiring forgets them.
	 */
	@Bean
	ServerOAuth2AuthorizedClientRepository consoleAuthorizedClients() {
		return new WebSessionServerOAuth2AuthorizedClientRepository();
	}

}
