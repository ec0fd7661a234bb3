package com.xorstack.feedback;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.xorstack.feedback.FeedbackApi.ADMIN;
import static com.xorstack.feedback.FeedbackApi.MODERATOR;
import static com.xorstack.feedback.FeedbackApi.OTHER_USER;
import static com.xorstack.feedback.FeedbackApi.USER;

/**
 * The role matrix of every feedback endpoint (anonymous, a bad token, the owner, another
 * user, a moderator, an admin, an ingest client) and the attempts to reach someone else's
 * feedback (BOLA).
 */
class FeedbackAccessIntegrationTests extends FeedbackIntegrationTest {

	private static final String ANONYMOUS = "anonymous";

	private static final String FORGED = "forged";

	private static final String INGEST = "ingest";

	private static final Map<String, String> NEW_FEEDBACK = Map.of("category", "general", "message", "matrix");

	@Autowired
	WebTestClient web;

	FeedbackApi api;

	UUID usersFeedback;

	@BeforeEach
	void usersFeedback() {
		this.api = new FeedbackApi(this.web);
		this.usersFeedback = this.api.submittedId(USER, "Mine, only mine");
	}

	@Test
	void submittingNeedsAPersonWithARole() {
		expect(HttpMethod.POST, "/api/feedback", NEW_FEEDBACK, ANONYMOUS, 401);
		expect(HttpMethod.POST, "/api/feedback", NEW_FEEDBACK, FORGED, 401);
		expect(HttpMethod.POST, "/api/feedback", NEW_FEEDBACK, INGEST, 403);
		expect(HttpMethod.POST, "/api/feedback", NEW_FEEDBACK, USER, 201);
		expect(HttpMethod.POST, "/api/feedback", NEW_FEEDBACK, MODERATOR, 201);
		expect(HttpMethod.POST, "/api/feedback", NEW_FEEDBACK, ADMIN, 201);
	}

	@Test
	void ownListIsForEverySignedInPerson() {
		for (String who : new String[] { USER, OTHER_USER, MODERATOR, ADMIN }) {
			expect(HttpMethod.GET, "/api/feedback", null, who, 200);
		}
		expect(HttpMethod.GET, "/api/feedback", null, ANONYMOUS, 401);
		expect(HttpMethod.GET, "/api/feedback", null, INGEST, 403);
	}

	@Test
	void ownItemIsVisibleToItsOwnerOnlyAndOthersSeeNoSuchItem() {
		String uri = "/api/feedback/" + this.usersFeedback;
		expect(HttpMethod.GET, uri, null, USER, 200);
		expect(HttpMethod.GET, uri, null, OTHER_USER, 404);
		// the own-feedback path is own-feedback for moderators too: they triage elsewhere
		expect(HttpMethod.GET, uri, null, MODERATOR, 404);
		expect(HttpMethod.GET, uri, null, ADMIN, 404);
		expect(HttpMethod.GET, uri, null, ANONYMOUS, 401);
		expect(HttpMethod.GET, uri, null, INGEST, 403);
	}

	@Test
	void triageReadsAreForModeratorsAndAdminsOnly() {
		for (String uri : new String[] { "/api/admin/feedback", "/api/admin/feedback/stats",
				"/api/admin/feedback/" + this.usersFeedback }) {
			expect(HttpMethod.GET, uri, null, ANONYMOUS, 401);
			expect(HttpMethod.GET, uri, null, FORGED, 401);
			expect(HttpMethod.GET, uri, null, USER, 403);
			expect(HttpMethod.GET, uri, null, OTHER_USER, 403);
			expect(HttpMethod.GET, uri, null, INGEST, 403);
			expect(HttpMethod.GET, uri, null, MODERATOR, 200);
			expect(HttpMethod.GET, uri, null, ADMIN, 200);
		}
	}

	@Test
	void ownerCannotTriageTheirOwnFeedbackThroughTheAdminPath() {
		Map<String, String> resolve = Map.of("status", "reviewed");
		String uri = "/api/admin/feedback/" + this.usersFeedback;
		expect(HttpMethod.PATCH, uri, resolve, ANONYMOUS, 401);
		expect(HttpMethod.PATCH, uri, resolve, USER, 403);
		expect(HttpMethod.PATCH, uri, resolve, OTHER_USER, 403);
		expect(HttpMethod.PATCH, uri, resolve, INGEST, 403);
		this.api.get(USER, "/api/feedback/{id}", this.usersFeedback)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("pending")
			.jsonPath("$.version")
			.isEqualTo(0);
		expect(HttpMethod.PATCH, uri, resolve, MODERATOR, 200);
		this.api.patch(ADMIN, this.usersFeedback, "\"1\"", Map.of("priority", "low")).expectStatus().isOk();
	}

	@Test
	void ownFeedbackPathsHaveNoWayToChangeFeedback() {
		String uri = "/api/feedback/" + this.usersFeedback;
		expect(HttpMethod.PATCH, uri, Map.of("status", "resolved"), USER, 405);
		expect(HttpMethod.PUT, uri, NEW_FEEDBACK, USER, 405);
		expect(HttpMethod.DELETE, uri, null, OTHER_USER, 405);
		this.api.get(USER, "/api/feedback/{id}", this.usersFeedback).expectBody().jsonPath("$.version").isEqualTo(0);
	}

	private void expect(HttpMethod method, String uri, @Nullable Object body, String who, int status) {
		WebTestClient.RequestBodySpec request = this.web.method(method).uri(uri).headers((headers) -> {
			if (!ANONYMOUS.equals(who)) {
				headers.setBearerAuth(token(who));
			}
			headers.set("If-Match", "\"0\"");
		});
		WebTestClient.RequestHeadersSpec<?> withBody = (body != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
		withBody.exchange().expectStatus().isEqualTo(status);
	}

	private static String token(String who) {
		return switch (who) {
			case FORGED -> "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZSJ9.c2lnbmF0dXJl";
			case INGEST -> FeedbackApi.ingestToken();
			default -> FeedbackApi.token(who);
		};
	}

}
