package com.xorstack.feedback;

import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;

/**
 * The feedback API as the integration tests call it, with real tokens of the demo users
 * of the devstack realm.
 */
public final class FeedbackApi {

	public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	public static final String USER = "demo-user";

	public static final String OTHER_USER = "demo-user-2";

	public static final String MODERATOR = "demo-moderator";

	public static final String ADMIN = "demo-admin";

	private final WebTestClient web;

	public FeedbackApi(WebTestClient web) {
		this.web = web;
	}

	public static String token(String user) {
		return TestStack.get().passwordToken(user);
	}

	public static String ingestToken() {
		return TestStack.get().clientCredentialsToken("edge-functions", "edge-functions-secret");
	}

	/** Submits feedback as {@code user} and answers the stored item. */
	public Map<String, Object> submitted(String user, Map<String, ?> body) {
		return this.web.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	public UUID submittedId(String user, String message) {
		return UUID.fromString((String) submitted(user, Map.of("category", "bug", "message", message)).get("id"));
	}

	public WebTestClient.ResponseSpec patch(String user, Object id, String ifMatch, Object body) {
		return this.web.patch().uri("/api/admin/feedback/{id}", id).headers((headers) -> {
			headers.setBearerAuth(token(user));
			headers.set("If-Match", ifMatch);
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	public WebTestClient.ResponseSpec get(String user, String uri, Object... variables) {
		return this.web.get().uri(uri, variables).headers((headers) -> headers.setBearerAuth(token(user))).exchange();
	}

	public Map<String, Object> getJson(String user, String uri, Object... variables) {
		return get(user, uri, variables).expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
	}

}
