package com.xorstack.platform.apidocs;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI document of every Xorstack service (springdoc, {@code /v3/api-docs}):
 * titled after the application, bearer JWTs from Keycloak, and the gateway's origin as
 * the one server, so that "try it out" in the gateway's Swagger UI goes through the
 * gateway like any client.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class ApiDocsAutoConfiguration {

	static final String BEARER = "keycloak-bearer";

	@Bean
	@ConditionalOnMissingBean
	OpenAPI xorstackOpenApi(@Value("${spring.application.name:xorstack}") String name) {
		return new OpenAPI()
			.info(new Info().title("Xorstack " + name)
				.version("v1")
				.description("Part of the Xorstack monitoring suite. Errors are RFC 9457 problem details; lists"
						+ " answer {items, nextCursor}. The contract is DESIGN.md."))
			.servers(List.of(new Server().url("/").description("through the gateway")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token of the Keycloak realm xorstack, audience xorstack-api")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
