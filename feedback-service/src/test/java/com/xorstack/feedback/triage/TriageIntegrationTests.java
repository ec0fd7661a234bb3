package com.xorstack.feedback.triage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.feedback.FeedbackIntegrationTest;
import com.xorstack.devstack.EventRecords;
import com.xorstack.feedback.FeedbackApi;
import com.xorstack.feedback.TestTokens;
import com.xorstack.platform.events.Topics;

import static com.xorstack.feedback.FeedbackApi.ADMIN;
import static com.xorstack.feedback.FeedbackApi.MODERATOR;
import static com.xorstack.feedback.FeedbackApi.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triage against the real PostgreSQL, Kafka and Keycloak of the devstack: ETags,
 * transitions, history and the events of each change.
 */
class TriageIntegrationTests extends FeedbackIntegrationTest {

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	FeedbackApi api;

	@Autowired
	void api(WebTestClient web) {
		this.api = new FeedbackApi(web);
	}

	@Test
	void moderatorTriagesWithTheETagItReadAndGetsTheNextOne() {
		UUID id = this.api.submittedId(USER, "Export button does nothing");
		this.api.get(MODERATOR, "/api/admin/feedback/{id}", id)
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"0\"");
		this.api.patch(MODERATOR, id, "\"0\"", Map.of("status", "reviewed", "priority", "high", "note", "repro'd"))
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"1\"")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("reviewed")
			.jsonPath("$.priority")
			.isEqualTo("high")
			.jsonPath("$.note")
			.isEqualTo("repro'd")
			.jsonPath("$.version")
			.isEqualTo(1);
		this.api.get(USER, "/api/feedback/{id}", id).expectBody().jsonPath("$.status").isEqualTo("reviewed");
	}

	@Test
	void theModeratorsNoteIsNotShownToTheOwner() {
		UUID id = this.api.submittedId(USER, "The sleep score looks wrong");
		this.api.patch(MODERATOR, id, "\"0\"", Map.of("status", "reviewed", "note", "user seems confused"))
			.expectStatus()
			.isOk();
		assertThat(this.api.getJson(MODERATOR, "/api/admin/feedback/{id}", id)).containsEntry("note",
				"user seems confused");
		assertThat(this.api.getJson(USER, "/api/feedback/{id}", id)).containsEntry("status", "reviewed")
			.containsEntry("version", 1)
			.doesNotContainKey("note");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> own = (List<Map<String, Object>>) this.api.getJson(USER, "/api/feedback?limit=200")
			.get("items");
		assertThat(own).filteredOn((item) -> id.toString().equals(item.get("id")))
			.singleElement()
			.satisfies((item) -> assertThat(item).containsEntry("status", "reviewed").doesNotContainKey("note"));
	}

	@Test
	void staleIfMatchIsRejectedWith412AndTheCurrentETag() {
		UUID id = this.api.submittedId(USER, "Typo on the settings page");
		this.api.patch(MODERATOR, id, "\"0\"", Map.of("priority", "low")).expectStatus().isOk();
		this.api.patch(ADMIN, id, "\"0\"", Map.of("priority", "critical"))
			.expectStatus()
			.isEqualTo(412)
			.expectHeader()
			.valueEquals("ETag", "\"1\"")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(412)
			.jsonPath("$.errors[0].field")
			.isEqualTo("If-Match");
		this.api.get(MODERATOR, "/api/admin/feedback/{id}", id).expectBody().jsonPath("$.priority").isEqualTo("low");
	}

	@Test
	void changeWithoutIfMatchIsRejectedWith428() {
		UUID id = this.api.submittedId(USER, "No If-Match here");
		this.web.patch()
			.uri("/api/admin/feedback/{id}", id)
			.headers((headers) -> headers.setBearerAuth(FeedbackApi.token(MODERATOR)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("status", "reviewed"))
			.exchange()
			.expectStatus()
			.isEqualTo(428)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Precondition Required")
			.jsonPath("$.status")
			.isEqualTo(428)
			.jsonPath("$.errors[0].field")
			.isEqualTo("If-Match");
		this.api.patch(MODERATOR, id, "W/\"0\"", Map.of("status", "reviewed"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("If-Match");
		this.api.get(MODERATOR, "/api/admin/feedback/{id}", id).expectHeader().valueEquals("ETag", "\"0\"");
	}

	@Test
	void feedbackMovesOnlyAlongItsLifecycle() {
		UUID id = this.api.submittedId(USER, "Lifecycle");
		this.api.patch(MODERATOR, id, "\"0\"", Map.of("status", "resolved"))
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("status");
		this.api.patch(MODERATOR, id, "\"0\"", Map.of("status", "reviewed")).expectStatus().isOk();
		this.api.patch(MODERATOR, id, "\"1\"", Map.of("status", "pending")).expectStatus().isEqualTo(409);
		this.api.patch(MODERATOR, id, "\"1\"", Map.of("status", "resolved")).expectStatus().isOk();
		this.api.patch(ADMIN, id, "\"2\"", Map.of("status", "pending"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("pending");
	}

	@Test
	void everyTriageIsRecordedWithWhoAndWhen() {
		UUID id = this.api.submittedId(USER, "History please");
		this.api.patch(MODERATOR, id, "\"0\"", Map.of("status", "reviewed")).expectStatus().isOk();
		this.api.patch(ADMIN, id, "\"1\"", Map.of("note", "seen")).expectStatus().isOk();
		List<Map<String, Object>> history = this.db
			.sql("select actor, previous_status, status, note_changed, version, triaged_at from feedback_triage"
					+ " where feedback_id = :id order by id")
			.bind("id", id)
			.fetch()
			.all()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(history).hasSize(2);
		assertThat(history.get(0)).containsEntry("actor", TestTokens.subject(MODERATOR))
			.containsEntry("previous_status", "pending")
			.containsEntry("status", "reviewed")
			.containsEntry("note_changed", false)
			.containsEntry("version", 1L);
		assertThat(history.get(0).get("triaged_at")).isNotNull();
		assertThat(history.get(1)).containsEntry("actor", TestTokens.subject(ADMIN))
			.containsEntry("note_changed", true);
	}

	@Test
	void triageIsPublishedAsTriagedEventAndAuditEvent() {
		UUID id = this.api.submittedId(USER, "Publish my triage");
		this.api.patch(MODERATOR, id, "\"0\"", Map.of("status", "reviewed", "note", "secret note"))
			.expectStatus()
			.isOk();
		// the relay delivers at least once; consumers keep one delivery per ce_id, and so
		// does this test
		List<ConsumerRecord<String, byte[]>> feedbackEvents = EventRecords
			.distinct(EventRecords.await(Topics.FEEDBACK_EVENTS, (record) -> id.toString().equals(record.key()), 2,
					Duration.ofSeconds(30), Duration.ZERO));
		assertThat(feedbackEvents).extracting((record) -> EventRecords.header(record, "ce_type"))
			.containsExactly("com.xorstack.feedback.submitted.v1", "com.xorstack.feedback.triaged.v1");
		Map<String, Object> triaged = EventRecords.data(feedbackEvents.get(1));
		assertThat(triaged).containsEntry("feedbackId", id.toString())
			.containsEntry("status", "reviewed")
			.containsEntry("previousStatus", "pending")
			.containsEntry("priority", "medium")
			.containsEntry("triagedBy", TestTokens.subject(MODERATOR))
			.containsEntry("version", 1)
			.containsKey("triagedAt")
			.doesNotContainKey("note");
		List<ConsumerRecord<String, byte[]>> audit = EventRecords.await(Topics.AUDIT_EVENTS,
				(record) -> ("feedback/" + id).equals(record.key()), 1, Duration.ofSeconds(30), Duration.ZERO);
		assertThat(EventRecords.header(audit.get(0), "ce_type")).isEqualTo("com.xorstack.audit.recorded.v1");
		Map<String, Object> recorded = EventRecords.data(audit.get(0));
		assertThat(recorded).containsEntry("actor", TestTokens.subject(MODERATOR))
			.containsEntry("action", "feedback.triaged")
			.containsEntry("target", "feedback/" + id)
			.containsKey("at");
		assertThat(recorded.get("details").toString()).contains("status=reviewed")
			.contains("previousStatus=pending")
			.doesNotContain("secret note");
	}

	@Test
	void unknownFeedbackIsNotFound() {
		this.api.patch(MODERATOR, UUID.randomUUID(), "\"0\"", Map.of("status", "reviewed")).expectStatus().isNotFound();
		this.api.get(MODERATOR, "/api/admin/feedback/{id}", UUID.randomUUID())
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void triageBodyAcceptsOnlyStatusPriorityAndNote() {
		UUID id = this.api.submittedId(USER, "Mass assignment target");
		expectFieldError(this.api.patch(MODERATOR, id, "\"0\"", Map.of("message", "rewritten")), "message");
		expectFieldError(this.api.patch(MODERATOR, id, "\"0\"", Map.of("userId", "someone")), "userId");
		expectFieldError(this.api.patch(MODERATOR, id, "\"0\"", Map.of("version", 7)), "version");
		expectFieldError(this.api.patch(MODERATOR, id, "\"0\"", Map.of("status", "done")), "status");
		expectFieldError(this.api.patch(MODERATOR, id, "\"0\"", Map.of("priority", List.of("high"))), "priority");
		expectFieldError(this.api.patch(MODERATOR, id, "\"0\"", Map.of("note", "n".repeat(2001))), "note");
		expectFieldError(this.api.patch(MODERATOR, id, "\"0\"", Map.of()), "body");
		this.api.get(MODERATOR, "/api/admin/feedback/{id}", id)
			.expectHeader()
			.valueEquals("ETag", "\"0\"")
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("Mass assignment target");
	}

	private static void expectFieldError(WebTestClient.ResponseSpec response, String field) {
		response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

}
