package com.xorstack.gateway.status;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /status/}: the page (its script and style sheet are the static resources beside
 * it). Anyone may load it; it shows what {@code /api/status} answers, or that there is no
 * public status page.
 */
@Configuration(proxyBeanMethods = false)
class StatusPageConfiguration {

	private static final ClassPathResource INDEX = new ClassPathResource("static/status/index.html");

	@Bean
	RouterFunction<ServerResponse> statusPage() {
		return RouterFunctions.route()
			.GET("/status",
					(request) -> ServerResponse.permanentRedirect(request.uriBuilder().path("/").build()).build())
			.GET("/status/",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_HTML)
						.cacheControl(CacheControl.noStore())
						.bodyValue(INDEX))
			.build();
	}

}
