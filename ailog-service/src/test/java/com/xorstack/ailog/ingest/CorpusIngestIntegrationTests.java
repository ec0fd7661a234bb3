package com.xorstack.ailog.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.ailog.privacy.RedactionCorpus;
import com.xorstack.ailog.privacy.RedactionCorpus.Case;
import com.xorstack.ailog.privacy.RedactionCorpus.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The privacy corpus through the three ingest paths, as {@code RedactionCorpusTests} runs
 * it through the redactor alone: each case is sent as an event's preview and error type,
 * and what {@code ai_logs} then holds must keep no identifier and change no clinical
 * text. The error type is at most 200 characters, so it is scored only for the cases that
 * fit whole: an identifier cut off by the limit is no redaction.
 */
class CorpusIngestIntegrationTests extends AilogIntegrationTest {

	private static final List<Case> CASES = RedactionCorpus.cases();

	private static final List<Case> SHORT = CASES.stream().filter((item) -> item.text().length() <= 200).toList();

	@Autowired
	DatabaseClient db;

	@Autowired
	WebTestClient web;

	@Test
	void noIdentifierOfTheCorpusIsStoredFromRestBatches() {
		String function = "corpus-rest-" + UUID.randomUUID();
		Map<String, Case> sent = new HashMap<>();
		List<Map<String, Object>> events = CASES.stream().map((item) -> event(function, item, sent)).toList();
		AiLogApi api = new AiLogApi(this.web);
		for (int from = 0; from < events.size(); from += 100) {
			List<Map<String, Object>> batch = events.subList(from, Math.min(from + 100, events.size()));
			assertThat(api.batch(batch)).containsEntry("accepted", batch.size());
		}
		assertStoredClean("rest", stored(function, "id::text", sent), true);
	}

	@Test
	void noIdentifierOfTheCorpusIsStoredFromKafka() {
		String function = "corpus-kafka-" + UUID.randomUUID();
		Map<String, Case> sent = new HashMap<>();
		try (KafkaProducer<String, byte[]> producer = IngestRecords.producer()) {
			CASES.forEach((item) -> producer.send(IngestRecords.cloudEvent(event(function, item, sent), function)));
			producer.flush();
		}
		await().atMost(Duration.ofSeconds(120))
			.untilAsserted(() -> assertThat(IngestRecords.storedIds(this.db, function)).hasSize(CASES.size()));
		assertStoredClean("kafka", stored(function, "id::text", sent), true);
	}

	/**
	 * A span carries no preview: its free text is {@code error.type} (content attributes
	 * are dropped unless content capture is on).
	 */
	@Test
	void noIdentifierOfTheCorpusIsStoredFromOtlpErrorTypes() {
		String function = "corpus-otlp-" + UUID.randomUUID();
		Map<String, Case> sent = new HashMap<>();
		List<Span> spans = new ArrayList<>();
		for (Case item : SHORT) {
			Span span = span(item.text());
			sent.put(HexFormat.of().formatHex(span.getSpanId().toByteArray()), item);
			spans.add(span);
		}
		for (int from = 0; from < spans.size(); from += 100) {
			export(function, spans.subList(from, Math.min(from + 100, spans.size())));
		}
		assertStoredClean("otlp", stored(function, "span_id", sent), false);
	}

	@Test
	void idsHoldingAnEmailOrANameAndBirthDateAreStoredWithoutThem() {
		Map<String, Object> event = AiLogApi.event("corpus-ids-" + UUID.randomUUID(), Instant.now());
		event.put("userId", "jane.doe@example.com");
		event.put("sessionId", "Jane Doe 1984-03-12");
		new AiLogApi(this.web).accepted(event);
		Map<String, String> ids = this.db.sql("select user_id, session_id from ai_logs where id = :id")
			.bind("id", UUID.fromString((String) event.get("id")))
			.map((row) -> Map.of("user_id", row.get(0, String.class), "session_id", row.get(1, String.class)))
			.one()
			.block();
		System.out.println("Stored ids: " + ids);
		assertThat(ids.get("user_id")).doesNotContain("jane", "doe", "example.com");
		assertThat(ids.get("session_id")).doesNotContain("Jane", "Doe", "03-12", "03.12");
	}

	private static Map<String, Object> event(String function, Case item, Map<String, Case> sent) {
		Map<String, Object> event = AiLogApi.event(function, Instant.now());
		event.put("status", "error");
		event.put("outputPreview", item.text());
		event.put("errorType", first200(item.text()));
		sent.put((String) event.get("id"), item);
		return event;
	}

	private static String first200(String text) {
		if (text.length() <= 200) {
			return text;
		}
		return text.substring(0, Character.isHighSurrogate(text.charAt(199)) ? 199 : 200);
	}

	/** Each sent case with the preview and error type stored for it, by a key column. */
	private Map<Case, Stored> stored(String function, String key, Map<String, Case> sent) {
		Map<Case, Stored> stored = new HashMap<>();
		this.db.sql("select " + key + ", output_preview, error_type from ai_logs where function_name = :f")
			.bind("f", function)
			.map((row) -> Map.entry(sent.get(row.get(0, String.class)),
					new Stored(row.get(1, String.class), row.get(2, String.class))))
			.all()
			.doOnNext((entry) -> stored.put(entry.getKey(), entry.getValue()))
			.blockLast();
		assertThat(stored).as("a row for every case sent").hasSize(sent.size());
		return stored;
	}

	private static void assertStoredClean(String path, Map<Case, Stored> stored, boolean previews) {
		List<String> unclean = new ArrayList<>();
		if (previews) {
			unclean.addAll(unclean(path, RedactionCorpus.evaluate(CASES, (item) -> stored.get(item).preview())));
		}
		String errorTypes = previews ? path + "-error-type" : path;
		unclean.addAll(unclean(errorTypes, RedactionCorpus.evaluate(SHORT, (item) -> stored.get(item).errorType())));
		assertThat(unclean).as("cases stored with an identifier or changed, see target/privacy-corpus-" + path + "*")
			.isEmpty();
	}

	private static List<String> unclean(String name, List<Outcome> outcomes) {
		System.out.println(RedactionCorpus.report(name, outcomes));
		return outcomes.stream()
			.filter((outcome) -> !outcome.clean())
			.map((outcome) -> name + ": " + outcome.item().id())
			.toList();
	}

	private void export(String function, List<Span> spans) {
		ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder().addAttributes(string("faas.name", function)))
				.addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
			.build();
		this.web.post()
			.uri("/v1/traces")
			.headers((headers) -> headers.setBearerAuth(AiLogApi.ingestToken()))
			.contentType(MediaType.parseMediaType("application/x-protobuf"))
			.bodyValue(request.toByteArray())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.value((body) -> assertThat(partialSuccess(body)).as("no span rejected").isFalse());
	}

	private static boolean partialSuccess(byte[] body) {
		try {
			return ExportTraceServiceResponse.parseFrom((body != null) ? body : new byte[0]).hasPartialSuccess();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new AssertionError(ex);
		}
	}

	private static Span span(String errorType) {
		long start = Instant.now().toEpochMilli() * 1_000_000;
		return Span.newBuilder()
			.setTraceId(ByteString.copyFrom(random(16)))
			.setSpanId(ByteString.copyFrom(random(8)))
			.setName("chat gpt-4o-mini")
			.setKind(Span.SpanKind.SPAN_KIND_CLIENT)
			.setStartTimeUnixNano(start)
			.setEndTimeUnixNano(start + 250_000_000L)
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
			.addAttributes(string("gen_ai.operation.name", "chat"))
			.addAttributes(string("gen_ai.provider.name", "openai"))
			.addAttributes(string("gen_ai.request.model", "gpt-4o-mini"))
			.addAttributes(string("error.type", errorType))
			.build();
	}

	private static KeyValue string(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

	private static byte[] random(int bytes) {
		byte[] value = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(value);
		return value;
	}

	private record Stored(String preview, String errorType) {

	}

}
