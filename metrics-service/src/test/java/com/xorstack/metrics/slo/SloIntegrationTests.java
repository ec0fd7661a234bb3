package com.xorstack.metrics.slo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import com.xorstack.devstack.TestStack;
import com.xorstack.metrics.MetricsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class SloIntegrationTests extends MetricsIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Test
	void seedTargetsAreTheDefaultsAndAdminsChangeThem() {
		Map<String, Object> table = slos();
		assertThat(target(table, "edge_function_latency_avg_ms")).containsEntry("target", 500.0);
		assertThat(target(table, "error_rate_percent")).containsEntry("target", 2.0);
		assertThat(target(table, "ai_p95_ms")).containsEntry("target", 3000.0);
		assertThat(target(table, "dashboard_load_p95_ms")).containsEntry("target", 2000.0);
		assertThat(target(table, "ai_p95_ms").get("status")).isIn("ok", "breached", "no_data");
		Map<String, Object> changed = this.web.put()
			.uri("/api/admin/slos")
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"metric\":\"ai_p95_ms\",\"target\":2500}]}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(target(changed, "ai_p95_ms")).containsEntry("target", 2500.0)
			.containsEntry("updatedBy", "demo-admin");
		assertThat(target(slos(), "ai_p95_ms")).containsEntry("target", 2500.0);
		this.web.put()
			.uri("/api/admin/slos")
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"metric\":\"ai_p95_ms\",\"target\":3000}]}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void badChangesNameTheFieldAndChangeNothing() {
		for (String body : new String[] {
				"{\"items\":[{\"metric\":\"ai_p95_ms\",\"target\":10},{\"metric\":\"x\",\"target\":1}]}",
				"{\"items\":[{\"metric\":\"ai_p95_ms\",\"target\":-1}]}", "{\"items\":[]}",
				"{\"items\":[{\"metric\":\"ai_p95_ms\",\"target\":\"fast\"}]}" }) {
			this.web.put()
				.uri("/api/admin/slos")
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.value((field) -> assertThat((String) field).startsWith("items").as(body));
		}
		assertThat(target(slos(), "ai_p95_ms").get("target")).isNotEqualTo(10.0);
	}

	@Test
	void userCannotReadOrChangeTargets() {
		this.web.get()
			.uri("/api/admin/slos")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private Map<String, Object> slos() {
		return adminGet("/api/admin/slos?window=24h");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> target(Map<String, Object> table, String metric) {
		return ((List<Map<String, Object>>) table.get("items")).stream()
			.filter((item) -> metric.equals(item.get("metric")))
			.findFirst()
			.orElseThrow();
	}

}
