package com.xorstack.feedback.submission;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.EventRecords;
import com.xorstack.devstack.TestStack;
import com.xorstack.feedback.FeedbackIntegrationTest;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submission against the real PostgreSQL, Kafka and Keycloak of the devstack.
 */
class FeedbackSubmissionIntegrationTests extends FeedbackIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> JSON_MAP = new TypeReference<>() {
	};

	@Autowired
	WebTestClient web;

	@Test
	void userSubmitsFeedbackAndReadsItBack() {
		String token = TestStack.get().passwordToken("demo-user");
		Map<String, Object> created = submit(token,
				Map.of("category", "bug", "message", "The chart is empty", "rating", 2))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.value("Location", (location) -> assertThat(location).startsWith("/api/feedback/"))
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(created).containsEntry("status", "pending")
			.containsEntry("priority", "medium")
			.containsEntry("category", "bug")
			.containsEntry("rating", 2);
		this.web.get()
			.uri("/api/feedback/{id}", created.get("id"))
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("The chart is empty");
	}

	@Test
	void submissionIsPublishedAsCloudEventThroughTheOutbox() {
		String token = TestStack.get().passwordToken("demo-user");
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String aiLogId = UUID.randomUUID().toString();
		String id = (String) submit(token,
				Map.of("category", "feature", "message", "Dark mode please", "rating", 4, "traceId", traceId, "aiLogId",
						aiLogId))
			.expectStatus()
			.isCreated()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		ConsumerRecord<String, byte[]> record = awaitRecord(id);
		assertThat(EventRecords.header(record, "ce_type")).isEqualTo("com.xorstack.feedback.submitted.v1");
		assertThat(EventRecords.header(record, "ce_source")).isEqualTo("/feedback-service");
		assertThat(EventRecords.header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(UUID.fromString(EventRecords.header(record, "ce_id"))).isNotNull();
		assertThat(new String(record.value(), StandardCharsets.UTF_8))
			.as("the data as the service wrote it, not re-serialized")
			.startsWith("{\"feedbackId\":\"" + id + "\",");
		Map<String, Object> data = JsonMapper.shared().readValue(record.value(), JSON_MAP);
		assertThat(data).containsEntry("feedbackId", id)
			.containsEntry("status", "pending")
			.containsEntry("category", "feature")
			.containsEntry("rating", 4)
			.containsEntry("traceId", traceId)
			.containsEntry("aiLogId", aiLogId)
			.containsKey("userId")
			.doesNotContainKey("message");
	}

	@Test
	void ownerCannotReadAnotherUsersFeedback() {
		String owner = TestStack.get().passwordToken("demo-user");
		String other = TestStack.get().passwordToken("demo-user-2");
		Object id = submit(owner, Map.of("category", "question", "message", "Is my data shared?"))
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		this.web.get()
			.uri("/api/feedback/{id}", id)
			.headers((headers) -> headers.setBearerAuth(other))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.web.get()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(other))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[?(@.id == '" + id + "')]")
			.doesNotExist();
	}

	@Test
	void clientCannotSetServerOwnedFields() {
		String token = TestStack.get().passwordToken("demo-user");
		submit(token, Map.of("category", "bug", "message", "hi", "status", "resolved")).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.isEqualTo("status");
	}

	@Test
	void badValuesAreRejectedNamingTheField() {
		String token = TestStack.get().passwordToken("demo-user");
		submit(token, Map.of("category", "complaint", "message", "hi")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("category");
		submit(token, Map.of("category", "bug", "message", "x".repeat(5001))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("message");
		submit(token, Map.of("category", "bug", "message", "hi", "rating", 6)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("rating");
		this.web.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"category\": \"bug\", \"message\": ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Invalid request");
	}

	@Test
	void sqlLookingInputIsStoredLiterally() {
		String token = TestStack.get().passwordToken("demo-user");
		submit(token, Map.of("category", "general", "message", "' OR 1=1 --")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("' OR 1=1 --");
	}

	@Test
	void listingPagesThroughOwnFeedbackWithACursor() {
		String token = TestStack.get().passwordToken("demo-user-2");
		for (int i = 0; i < 3; i++) {
			submit(token, Map.of("category", "general", "message", "page item " + i)).expectStatus().isCreated();
		}
		Map<String, Object> first = list(token, "/api/feedback?limit=2");
		assertThat((List<?>) first.get("items")).hasSize(2);
		assertThat(first.get("nextCursor")).isNotNull();
		Map<String, Object> rest = list(token, "/api/feedback?limit=200&cursor=" + first.get("nextCursor"));
		assertThat((List<?>) rest.get("items")).isNotEmpty();
		assertThat(rest).doesNotContainKey("nextCursor");
		this.web.get()
			.uri("/api/feedback?cursor=not-a-cursor")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("cursor");
	}

	@Test
	void anonymousGetsAProblemWith401() {
		this.web.get()
			.uri("/api/feedback")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.title")
			.isEqualTo("Unauthorized")
			.jsonPath("$.status")
			.isEqualTo(401);
	}

	@Test
	void userCannotUseTriagePaths() {
		String token = TestStack.get().passwordToken("demo-user");
		this.web.get()
			.uri("/api/admin/feedback")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403);
	}

	private WebTestClient.ResponseSpec submit(String token, Map<String, ?> body) {
		return this.web.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private Map<String, Object> list(String token, String uri) {
		return this.web.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** The event of feedback {@code id}, checked against the schema of its type. */
	private static ConsumerRecord<String, byte[]> awaitRecord(String id) {
		List<ConsumerRecord<String, byte[]>> records = EventRecords.await(Topics.FEEDBACK_EVENTS,
				(record) -> id.equals(record.key()), 1, Duration.ofSeconds(30), Duration.ZERO);
		assertThat(records).as("the event of feedback " + id).isNotEmpty();
		return records.get(0);
	}

}
