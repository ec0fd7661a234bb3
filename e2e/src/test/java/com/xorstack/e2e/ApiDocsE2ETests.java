package com.xorstack.e2e;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service publishes its OpenAPI document; the gateway serves all four, without a
 * token, and one Swagger UI that lists them.
 */
class ApiDocsE2ETests {

	private final WebTestClient gateway = WebTestClient.bindToServer()
		.baseUrl(E2eSuite.get().gatewayUrl())
		.responseTimeout(Duration.ofSeconds(30))
		.build();

	@ParameterizedTest
	@CsvSource({ "auth-service, /api/me", "feedback-service, /api/admin/feedback/{id}",
			"metrics-service, /api/admin/dashboard/summary", "ailog-service, " })
	void eachServiceDocumentIsServedByTheGateway(String service, String path) {
		WebTestClient.BodyContentSpec document = this.gateway.get()
			.uri("/openapi/" + service)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.openapi")
			.value((version) -> assertThat((String) version).startsWith("3."))
			.jsonPath("$.info.title")
			.isEqualTo("Xorstack " + service)
			.jsonPath("$.servers[0].url")
			.isEqualTo("/")
			.jsonPath("$.components.securitySchemes.keycloak-bearer.scheme")
			.isEqualTo("bearer");
		if (path != null) {
			document.jsonPath("$.paths['" + path + "']").exists();
		}
	}

	@Test
	void oneSwaggerUiListsEveryService() {
		this.gateway.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls.length()")
			.isEqualTo(4)
			.jsonPath("$.urls[?(@.name == 'auth-service')].url")
			.isEqualTo(List.of("/openapi/auth-service"))
			.jsonPath("$.urls[?(@.name == 'feedback-service')].url")
			.isEqualTo(List.of("/openapi/feedback-service"))
			.jsonPath("$.urls[?(@.name == 'ailog-service')].url")
			.isEqualTo(List.of("/openapi/ailog-service"))
			.jsonPath("$.urls[?(@.name == 'metrics-service')].url")
			.isEqualTo(List.of("/openapi/metrics-service"));
		String location = this.gateway.get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		this.gateway.get()
			.uri(location)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("swagger-ui"));
	}

}
