package com.xorstack.gateway.console;

import java.net.URI;
import java.util.Collection;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

import com.xorstack.platform.security.KeycloakJwtAuthenticationConverter;
import com.xorstack.platform.security.Roles;
import com.xorstack.platform.web.ProblemResponses;

/**
 * The console's own security chain, ahead of the API's stateless one: OpenID Connect
 * sign-in, a server-side session, CSRF on every change, and the roles of the session's
 * access token (admins and moderators may open the console; the API decides the rest).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurityConfiguration {

	/** The Keycloak client registration (spring.security.oauth2.client.registration). */
	static final String REGISTRATION = "keycloak";

	private static final String[] CONSOLE_PATHS = { "/admin", "/admin/**", "/bff/**", "/oauth2/**", "/login/**",
			"/logout" };

	@Bean
	@Order(1)
	SecurityWebFilterChain consoleSecurityWebFilterChain(ServerHttpSecurity http,
			ReactiveClientRegistrationRepository clients, ConsoleProperties properties, Environment environment) {
		DefaultServerOAuth2AuthorizationRequestResolver requests = new DefaultServerOAuth2AuthorizationRequestResolver(
				clients);
		requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		// built on use: the public URL may name a port known only once the server is up
		ServerLogoutSuccessHandler loggedOut = (exchange, authentication) -> {
			OidcClientInitiatedServerLogoutSuccessHandler handler = new OidcClientInitiatedServerLogoutSuccessHandler(
					clients);
			handler.setPostLogoutRedirectUri(ConsoleClientConfiguration.publicUrl(properties, environment) + "/admin/");
			return handler.onLogoutSuccess(exchange, authentication);
		};
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
						ServerWebExchangeMatchers.pathMatchers("/bff/**"), (exchange, ex) -> ProblemResponses
							.write(exchange, HttpStatus.UNAUTHORIZED, "Sign in to the console first: /admin/")));
		entryPoint
			.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION));
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(CONSOLE_PATHS))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/admin/denied.html", "/admin/console.css")
				.permitAll()
				.pathMatchers("/bff/api/**", "/bff/session")
				.authenticated()
				.pathMatchers("/admin", "/admin/**")
				.hasAnyRole(Roles.ADMIN, Roles.MODERATOR)
				.anyExchange()
				.authenticated())
			.oauth2Login((login) -> login.authorizationRequestResolver(requests)
				.authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/admin/")))
			// the whole session goes (in Redis too), with the tokens it holds
			.logout((logout) -> logout.logoutUrl("/logout")
				.logoutHandler(new WebSessionServerLogoutHandler())
				.logoutSuccessHandler(loggedOut))
			// the session's token (issue #19), masked anew in each answer that carries it
			.csrf((csrf) -> csrf.csrfTokenRepository(new SessionCsrfTokens())
				.csrfTokenRequestHandler(new XorServerCsrfTokenRequestAttributeHandler()))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler((exchange, ex) -> {
						if (exchange.getRequest().getPath().value().startsWith("/bff/")) {
							return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN,
									"Your roles do not allow this request.");
						}
						exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
						exchange.getResponse().getHeaders().setLocation(URI.create("/admin/denied.html"));
						return exchange.getResponse().setComplete();
					}))
			.build();
	}

	/**
	 * The people signed in to the console get the realm roles of their access token as
	 * authorities (Keycloak puts them there, not in the ID token); the token is checked
	 * by the same decoder as every bearer token.
	 */
	@Bean
	ReactiveOAuth2UserService<OidcUserRequest, OidcUser> consoleUserService(ReactiveJwtDecoder jwtDecoder) {
		OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
		return (request) -> delegate.loadUser(request)
			.zipWith(jwtDecoder.decode(request.getAccessToken().getTokenValue()))
			.map((loaded) -> {
				Collection<GrantedAuthority> authorities = KeycloakJwtAuthenticationConverter.realmRoles(loaded.getT2())
					.stream()
					.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
					.toList();
				OidcUser user = loaded.getT1();
				return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
			});
	}

	/**
	 * The session cookie: HttpOnly, SameSite=Lax (the sign-in comes back by redirect).
	 */
	@Bean
	WebSessionIdResolver webSessionIdResolver(ConsoleProperties properties) {
		CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
		resolver.setCookieName(properties.sessionCookie());
		resolver.addCookieInitializer(
				(cookie) -> cookie.httpOnly(true).sameSite("Lax").path("/").secure(properties.secureCookies()));
		return resolver;
	}

	static List<String> roles(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.sorted()
			.toList();
	}

}
