package com.xorstack.gateway.console;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The console's page and who is signed in to it. The page's scripts and styles are static
 * resources under {@code static/admin}.
 */
@RestController
@Configuration(proxyBeanMethods = false)
class ConsoleController {

	private static final ClassPathResource INDEX = new ClassPathResource("static/admin/index.html");

	@Bean
	RouterFunction<ServerResponse> consolePage() {
		return RouterFunctions.route()
			.GET("/admin",
					(request) -> ServerResponse.permanentRedirect(request.uriBuilder().path("/").build()).build())
			.GET("/admin/",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_HTML)
						.cacheControl(CacheControl.noStore())
						.bodyValue(INDEX))
			.build();
	}

	/**
	 * The signed-in person as the page needs them: names and roles, never a token.
	 */
	@GetMapping("/bff/session")
	Mono<Map<String, Object>> session(@AuthenticationPrincipal OidcUser user) {
		Map<String, Object> session = new LinkedHashMap<>();
		session.put("id", user.getSubject());
		session.put("username", user.getPreferredUsername());
		session.put("name", user.getFullName());
		session.put("email", user.getEmail());
		session.put("roles", ConsoleSecurityConfiguration.roles(user.getAuthorities()));
		return Mono.just(session);
	}

}
