package com.xorstack.metrics.alerting;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesIntegrationTests extends AlertingIntegrationTest {

	private static final String HOOK = "{\"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/hook\"}";

	@Test
	void adminCreatesReadsReplacesAndDeletesARule() {
		Map<String, Object> created = createRule(requestsRule("crud", "/r", "PT1M", HOOK));
		assertThat(created).containsEntry("metric", "api.requests")
			.containsEntry("window", "PT5M")
			.containsEntry("for", "PT1M")
			.containsEntry("version", 1)
			.containsEntry("createdBy", "demo-admin");
		String uri = "/api/admin/alert-rules/" + created.get("id");
		this.web.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"1\"");
		this.web.put()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.header(HttpHeaders.IF_MATCH, "\"7\"")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(requestsRule("crud", "/r", "PT2M", HOOK))
			.exchange()
			.expectStatus()
			.isEqualTo(412);
		this.web.put()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.header(HttpHeaders.IF_MATCH, "\"1\"")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(requestsRule("crud renamed", "/r", "PT2M", HOOK))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(2)
			.jsonPath("$.for")
			.isEqualTo("PT2M")
			.jsonPath("$.name")
			.isEqualTo("crud renamed");
		this.web.post()
			.uri("/api/admin/alert-rules")
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(requestsRule("crud renamed", "/other", "PT1M", HOOK))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		this.web.delete()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isNoContent();
		this.web.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void badRulesAreRefusedNamingTheField() {
		String valid = """
				{"name": "v", "metric": "ai.latency.p95_ms", "labels": {"function": "f", "model": "m"},
				 "operator": "above", "threshold": 3000, "window": "PT10M", "for": "PT5M", "severity": "warning",
				 "receivers": [%s]}""".formatted(HOOK);
		Map<String, String> cases = Map.ofEntries(
				Map.entry("\"metric\": \"ai.latency.p95_ms\"", "metric|\"metric\": \"ai.speed\""),
				Map.entry("\"threshold\": 3000", "threshold|\"threshold\": \"fast\""),
				Map.entry("\"window\": \"PT10M\"", "window|\"window\": \"10 minutes\""),
				Map.entry("\"for\": \"PT5M\"", "for|\"for\": \"PT48H\""),
				Map.entry("\"severity\": \"warning\"", "severity|\"severity\": \"loud\""),
				Map.entry("\"operator\": \"above\"", "operator|\"operator\": \">>\""),
				Map.entry("\"type\": \"webhook\"", "receivers[0].type|\"type\": \"pager\""),
				Map.entry("\"url\": \"http://127.0.0.1:9/hook\"", "receivers[0].url|\"url\": \"not a url\""),
				Map.entry("\"model\": \"m\"", "labels.route|\"route\": \"/r\""),
				Map.entry("\"name\": \"v\"", "colour|\"name\": \"v\", \"colour\": \"red\""));
		cases.forEach((original, change) -> {
			String field = change.substring(0, change.indexOf('|'));
			assertRefused("/api/admin/alert-rules", valid.replace(original, change.substring(change.indexOf('|') + 1)),
					field);
		});
		// PostgreSQL text cannot hold NUL: a 400 naming the field, not a 500 from the
		// insert
		assertRefused("/api/admin/alert-rules", valid.replace("\"name\": \"v\"", "\"name\": \"v\\u0000\""), "name");
		createRule(valid);
		assertThat(rules()).hasSize(1);
	}

	@Test
	void usersCannotSeeRules() {
		this.web.get()
			.uri("/api/admin/alert-rules")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@SuppressWarnings("unchecked")
	private List<Object> rules() {
		return (List<Object>) this.web.get()
			.uri("/api/admin/alert-rules")
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody()
			.get("items");
	}

}
