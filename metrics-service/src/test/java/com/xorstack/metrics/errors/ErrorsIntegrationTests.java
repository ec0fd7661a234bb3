package com.xorstack.metrics.errors;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import com.xorstack.devstack.TestStack;
import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Error events from {@code system.metrics.v1} to {@code GET /api/admin/errors}. */
class ErrorsIntegrationTests extends MetricsIntegrationTest {

	@Test
	@SuppressWarnings("unchecked")
	void errorsAreStoredOnceCountedPerBucketAndGroupAndListedWithTheirTraces() {
		String service = "svc-" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(4, ChronoUnit.MINUTES);
		UUID repeated = UUID.randomUUID();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			send(producer, repeated, service, "/api/feedback", "java.lang.IllegalStateException",
					"4bf92f3577b34da6a3ce929d0e0e4736", minute.plusSeconds(5));
			send(producer, repeated, service, "/api/feedback", "java.lang.IllegalStateException",
					"4bf92f3577b34da6a3ce929d0e0e4736", minute.plusSeconds(5));
			send(producer, UUID.randomUUID(), service, "/api/feedback", "java.lang.IllegalStateException",
					"0af7651916cd43dd8448eb211c80319c", minute.plusSeconds(30));
			send(producer, UUID.randomUUID(), service, "/api/feedback/{id}",
					"org.springframework.dao.DataAccessResourceFailureException", null, minute.plusSeconds(75));
		}
		String uri = "/api/admin/errors?service={service}&from={from}&to={to}";
		String from = minute.minus(1, ChronoUnit.MINUTES).toString();
		String to = minute.plus(3, ChronoUnit.MINUTES).toString();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> ((List<?>) adminGet(uri, service, from, to).get("items")).size() == 3);

		Map<String, Object> view = adminGet(uri, service, from, to);
		assertThat(view).containsEntry("step", "1m");
		assertThat((List<Map<String, Object>>) view.get("series"))
			.extracting((bucket) -> bucket.get("at"), (bucket) -> bucket.get("exceptionType"),
					(bucket) -> bucket.get("errors"))
			.containsExactly(tuple(minute.toString(), "java.lang.IllegalStateException", 2),
					tuple(minute.plusSeconds(60).toString(),
							"org.springframework.dao.DataAccessResourceFailureException", 1));
		assertThat((List<Map<String, Object>>) view.get("groups"))
			.extracting((group) -> group.get("route"), (group) -> group.get("errors"),
					(group) -> group.get("lastTraceId"))
			.containsExactly(tuple("/api/feedback", 2, "0af7651916cd43dd8448eb211c80319c"),
					tuple("/api/feedback/{id}", 1, null));
		assertThat((List<Map<String, Object>>) view.get("items"))
			.extracting((item) -> item.get("route"), (item) -> item.get("status"), (item) -> item.get("traceId"))
			.containsExactly(tuple("/api/feedback/{id}", 503, null),
					tuple("/api/feedback", 500, "0af7651916cd43dd8448eb211c80319c"),
					tuple("/api/feedback", 500, "4bf92f3577b34da6a3ce929d0e0e4736"));

		Map<String, Object> other = adminGet(uri, "other-" + service, from, to);
		assertThat((List<?>) other.get("items")).isEmpty();
	}

	@Test
	void moderatorsReadTheErrorsAndUsersDoNot() {
		this.web.get()
			.uri("/api/admin/errors")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-moderator")))
			.exchange()
			.expectStatus()
			.isOk();
		this.web.get()
			.uri("/api/admin/errors")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void badQueriesAreRefusedNamingTheField() {
		assertRefusedQuery("/api/admin/errors?from=yesterday", "from");
		assertRefusedQuery("/api/admin/errors?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "from");
		assertRefusedQuery("/api/admin/errors?step=5m", "step");
		assertRefusedQuery("/api/admin/errors?from=2026-01-01T00:00:00Z&to=2026-01-20T00:00:00Z&step=1m", "step");
		assertRefusedQuery("/api/admin/errors?service=Feedback%20Service", "service");
		assertRefusedQuery("/api/admin/errors?limit=500", "limit");
	}

	private static void send(KafkaProducer<String, byte[]> producer, UUID id, String service, String route, String type,
			String traceId, Instant at) {
		int status = type.contains("DataAccess") ? 503 : 500;
		String data = "{\"id\":\"" + id + "\",\"service\":\"" + service + "\",\"route\":\"" + route
				+ "\",\"method\":\"POST\",\"status\":" + status + ",\"exceptionType\":\"" + type + "\",\"traceId\":"
				+ ((traceId != null) ? "\"" + traceId + "\"" : "null") + ",\"at\":\"" + at + "\"}";
		producer
			.send(CloudEventRecords.toRecord(event(id, EventTypes.SYSTEM_ERROR, Topics.SYSTEM_METRICS, service, data)));
	}

}
