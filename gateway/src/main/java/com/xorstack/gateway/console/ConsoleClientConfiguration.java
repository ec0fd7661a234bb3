package com.xorstack.gateway.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;

@Configuration(proxyBeanMethods = false)
class ConsoleClientConfiguration {

	@Bean
	ReactiveClientRegistrationRepository consoleClientRegistrations(
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuerUri,
			ConsoleProperties properties) {
		return new ConsoleClientRegistrations(issuerUri, properties.clientId(), properties.clientSecret());
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
