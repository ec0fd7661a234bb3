package com.xorstack.feedback;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.xorstack.feedback.FeedbackApi.MODERATOR;
import static com.xorstack.feedback.FeedbackApi.USER;

/**
 * Every kind of bad input answers 400 or 413 with a problem naming what to fix, never a
 * 500: malformed JSON, wrong types, unknown enums, too long values, oversize bodies, bad
 * cursors, filters and ids.
 */
class FeedbackBadInputIntegrationTests extends FeedbackIntegrationTest {

	@Autowired
	WebTestClient web;

	FeedbackApi api;

	@BeforeEach
	void api() {
		this.api = new FeedbackApi(this.web);
	}

	@Test
	void malformedJsonNamesTheBody() {
		expectField(send(HttpMethod.POST, "/api/feedback", USER, "{\"category\": \"bug\", \"message\": "), "body");
		UUID id = this.api.submittedId(USER, "Patch me badly");
		expectField(send(HttpMethod.PATCH, "/api/admin/feedback/" + id, MODERATOR, "{status: reviewed}"), "body");
		expectField(send(HttpMethod.POST, "/api/feedback", USER, "[1, 2]"), "body");
	}

	@Test
	void wrongTypesNameTheField() {
		expectField(submit(Map.of("category", "bug", "message", "hi", "rating", "five")), "rating");
		expectField(submit(Map.of("category", "bug", "message", "hi", "metadata", "x=y")), "metadata");
		expectField(submit(Map.of("category", "bug", "message", "hi", "aiLogId", "not-a-uuid")), "aiLogId");
		expectField(submit(Map.of("category", Map.of("name", "bug"), "message", "hi")), "category");
		expectField(submit(Map.of("category", "bug", "message", Map.of("text", "hi"))), "message");
		// no guessing: an enum is not its ordinal, a number is not text, text is not a
		// number
		expectField(submit(Map.of("category", 1, "message", "hi")), "category");
		expectField(submit(Map.of("category", "bug", "message", 5)), "message");
		expectField(submit(Map.of("category", "bug", "message", true)), "message");
		expectField(submit(Map.of("category", "bug", "message", "hi", "rating", "3")), "rating");
		expectField(submit(Map.of("category", "bug", "message", "hi", "rating", 3.5)), "rating");
		UUID id = this.api.submittedId(USER, "Patch me with wrong types");
		expectField(this.api.patch(MODERATOR, id, "\"0\"", Map.of("priority", 2)), "priority");
		expectField(this.api.patch(MODERATOR, id, "\"0\"", Map.of("note", 42)), "note");
	}

	@Test
	void missingAndOutOfRangeValuesNameTheField() {
		expectField(submit(Map.of("message", "no category")), "category");
		expectField(submit(Map.of("category", "bug", "message", "")), "message");
		expectField(submit(Map.of("category", "bug", "message", "hi", "rating", 0)), "rating");
		expectField(submit(Map.of("category", "bug", "message", "hi", "pageUrl", "javascript:alert(1)")), "pageUrl");
		expectField(submit(Map.of("category", "bug", "message", "hi", "traceId", "XYZ")), "traceId");
		Map<String, String> tooMany = new HashMap<>();
		for (int i = 0; i < 21; i++) {
			tooMany.put("key" + i, "value");
		}
		expectField(submit(Map.of("category", "bug", "message", "hi", "metadata", tooMany)), "metadata");
		expectFieldStartsWith(
				submit(Map.of("category", "bug", "message", "hi", "metadata", Map.of("k", "v".repeat(501)))),
				"metadata");
	}

	/**
	 * PostgreSQL text cannot hold NUL: refused at the edge, never a 500 from the insert.
	 */
	@Test
	void nulCharactersNameTheField() {
		expectField(submit(Map.of("category", "bug", "message", "hi\u0000")), "message");
		expectField(submit(Map.of("category", "bug", "message", "hi", "pageUrl", "https://x.example/\u0000")),
				"pageUrl");
		expectField(submit(Map.of("category", "bug", "message", "hi", "metadata", Map.of("k", "v\u0000"))),
				"metadata.k");
		expectFieldStartsWith(submit(Map.of("category", "bug", "message", "hi", "metadata", Map.of("k\u0000", "v"))),
				"metadata");
		UUID id = this.api.submittedId(USER, "Patch me with a NUL");
		expectField(this.api.patch(MODERATOR, id, "\"0\"", Map.of("note", "n\u0000")), "note");
	}

	@Test
	void oversizeBodyIsRejectedWith413() {
		String huge = "{\"category\": \"bug\", \"message\": \"" + "x".repeat(1024 * 1024) + "\"}";
		send(HttpMethod.POST, "/api/feedback", USER, huge).expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
	}

	@Test
	void oversizeChunkedBodyIsRejectedWith413() {
		byte[] chunk = "x".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
		Flux<DataBuffer> body = Flux.concat(Flux.just(bytes("{\"category\": \"bug\", \"message\": \"")),
				Flux.range(0, 64).map((i) -> bytes(chunk)), Flux.just(bytes("\"}")));
		this.web.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(FeedbackApi.token(USER)))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
	}

	@Test
	void badCursorLimitAndFiltersNameTheParameter() {
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?cursor=bm90LWEtY3Vyc29y"), "cursor");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?limit=0"), "limit");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?limit=201"), "limit");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?limit=many"), "limit");
		expectField(this.api.get(USER, "/api/feedback?limit=201"), "limit");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?status=open"), "status");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?category=complaint"), "category");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?priority=urgent"), "priority");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?from=yesterday"), "from");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?to=2026-13-01T00:00:00Z"), "to");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
				"to");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?q=" + "a".repeat(201)), "q");
	}

	@Test
	void nulCharactersInTheQueryNameTheParameter() {
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?q={q}", "chest\u0000pain"), "q");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback?status=pending&q={q}", "\u0000"), "q");
		expectField(this.api.get(USER, "/api/feedback?cursor={c}", "\u0000"), "cursor");
	}

	@Test
	void badIdInThePathNamesTheId() {
		expectField(this.api.get(USER, "/api/feedback/not-a-uuid"), "id");
		expectField(this.api.get(MODERATOR, "/api/admin/feedback/not-a-uuid"), "id");
		expectField(this.api.patch(MODERATOR, "not-a-uuid", "\"0\"", Map.of("status", "reviewed")), "id");
	}

	private WebTestClient.ResponseSpec submit(Map<String, ?> body) {
		return this.web.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(FeedbackApi.token(USER)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec send(HttpMethod method, String uri, String user, String json) {
		return this.web.method(method).uri(uri).headers((headers) -> {
			headers.setBearerAuth(FeedbackApi.token(user));
			headers.set("If-Match", "\"0\"");
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private static DataBuffer bytes(String text) {
		return bytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private static DataBuffer bytes(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

	private static void expectField(WebTestClient.ResponseSpec response, String field) {
		response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Invalid request")
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	private static void expectFieldStartsWith(WebTestClient.ResponseSpec response, String prefix) {
		response.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.value(String.class, (field) -> org.assertj.core.api.Assertions.assertThat(field).startsWith(prefix));
	}

}
