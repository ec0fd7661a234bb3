package com.xorstack.metrics.gauge;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;

import com.xorstack.devstack.EventSchemas;
import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Gauge readings through {@code POST /api/system-metrics} into gauge time series. */
class SystemMetricsIntegrationTests extends MetricsIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Test
	void readingsAreStoredOnceAndReadBackPerStepFilteredByLabels() {
		String name = "storage.bytes.t" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
		UUID repeated = UUID.randomUUID();
		String body = "{\"events\":[" + reading(repeated, name, 100, "exports", minute.plusSeconds(5)) + ","
				+ reading(UUID.randomUUID(), name, 300, "exports", minute.plusSeconds(35)) + ","
				+ reading(UUID.randomUUID(), name, 5000, "photos", minute.plusSeconds(40)) + ","
				+ reading(repeated, name, 100, "exports", minute.plusSeconds(5)) + "]}";
		Map<String, Object> answer = post(body);
		assertThat(answer).containsEntry("accepted", 3).containsEntry("duplicates", 1);
		Map<String, Object> again = post(
				"{\"events\":[" + reading(repeated, name, 100, "exports", minute.plusSeconds(5)) + "]}");
		assertThat(again).containsEntry("accepted", 0).containsEntry("duplicates", 1);
		Map<String, Object> series = this.web.get()
			.uri((uri) -> uri.path("/api/admin/metrics/timeseries")
				.queryParam("metric", "gauge:" + name)
				.queryParam("step", "1m")
				.queryParam("from", minute.minus(2, ChronoUnit.MINUTES).toString())
				.queryParam("to", minute.plus(2, ChronoUnit.MINUTES).toString())
				.queryParam("label", "kind:exports")
				.build())
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> points = (List<Map<String, Object>>) series.get("points");
		assertThat(points).hasSize(4);
		Map<String, Object> point = points.get(2);
		assertThat(point.get("t")).isEqualTo(minute.toString());
		assertThat(((Number) point.get("value")).doubleValue()).isCloseTo(200.0, within(1e-9));
		assertThat(((Number) point.get("max")).doubleValue()).isCloseTo(300.0, within(1e-9));
		assertThat(point.get("count")).isEqualTo(2);
		assertThat(points.get(0).get("value")).isNull();
	}

	@Test
	void readingsFromKafkaAreStoredOnceByTheirCloudEventId() {
		String name = "db.query.time.t" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
		UUID id = UUID.randomUUID();
		String data = reading(id, name, 12.5, "primary", minute.plusSeconds(10));
		try (KafkaProducer<String, byte[]> producer = producer()) {
			for (int i = 0; i < 2; i++) {
				producer.send(CloudEventRecords
					.toRecord(event(id, EventTypes.SYSTEM_GAUGE, Topics.SYSTEM_METRICS, name, data)));
			}
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> count(name, minute) == 1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> count(name, minute) == 1);
	}

	@SuppressWarnings("unchecked")
	private long count(String name, Instant minute) {
		Map<String, Object> series = adminGet((uri) -> uri.path("/api/admin/metrics/timeseries")
			.queryParam("metric", "gauge:" + name)
			.queryParam("step", "1m")
			.queryParam("from", minute.toString())
			.queryParam("to", minute.plus(1, ChronoUnit.MINUTES).toString())
			.build());
		return ((Number) ((List<Map<String, Object>>) series.get("points")).get(0).get("count")).longValue();
	}

	@Test
	@SuppressWarnings("unchecked")
	void latestReadingOfEachLabelSetFilteredByLabelsAndAge() {
		String name = "storage.bytes.l" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		post("{\"events\":[" + reading(UUID.randomUUID(), name, 100, "exports", now.minus(10, ChronoUnit.MINUTES)) + ","
				+ reading(UUID.randomUUID(), name, 300, "exports", now.minus(5, ChronoUnit.MINUTES)) + ","
				+ reading(UUID.randomUUID(), name, 200, "exports", now.minus(7, ChronoUnit.MINUTES)) + ","
				+ reading(UUID.randomUUID(), name, 5000, "photos", now.minus(2, ChronoUnit.HOURS)) + ","
				+ reading(UUID.randomUUID(), name, 9, "logs", now.minus(2, ChronoUnit.DAYS)) + "]}");
		Map<String, Object> all = adminGet("/api/admin/metrics/gauges?name={name}", name);
		assertThat(all).containsEntry("truncated", false);
		// ordered by labels; the reading of two days ago is older than the default day
		assertThat((List<Map<String, Object>>) all.get("items"))
			.extracting((item) -> item.get("labels"), (item) -> ((Number) item.get("value")).doubleValue(),
					(item) -> item.get("unit"), (item) -> Instant.parse((String) item.get("at")))
			.containsExactly(tuple(Map.of("kind", "exports"), 300.0, "bytes", now.minus(5, ChronoUnit.MINUTES)),
					tuple(Map.of("kind", "photos"), 5000.0, "bytes", now.minus(2, ChronoUnit.HOURS)));
		Map<String, Object> photos = adminGet("/api/admin/metrics/gauges?name={name}&label=kind:photos", name);
		assertThat((List<Map<String, Object>>) photos.get("items")).singleElement()
			.satisfies((item) -> assertThat(item.get("value")).isEqualTo(5000.0));
		Map<String, Object> lastHour = adminGet("/api/admin/metrics/gauges?name={name}&from={from}", name,
				now.minus(1, ChronoUnit.HOURS).toString());
		assertThat((List<Map<String, Object>>) lastHour.get("items")).extracting((item) -> item.get("labels"))
			.containsExactly(Map.of("kind", "exports"));
		Map<String, Object> week = adminGet("/api/admin/metrics/gauges?name={name}&from={from}", name,
				now.minus(7, ChronoUnit.DAYS).toString());
		assertThat((List<Map<String, Object>>) week.get("items")).hasSize(3);
	}

	@Test
	void latestGaugesNeedANameAndTheAdminRole() {
		assertRefusedQuery("/api/admin/metrics/gauges", "name");
		assertRefusedQuery("/api/admin/metrics/gauges?name=x&from=yesterday", "from");
		assertRefusedQuery("/api/admin/metrics/gauges?name=x&label=kind", "label");
		this.web.get()
			.uri("/api/admin/metrics/gauges?name=storage.bytes")
			.headers((headers) -> headers.setBearerAuth(ingestToken()))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void badReadingIsRejectedWithItsField() {
		Map<String, Object> answer = post("{\"events\":[{\"id\":\"" + UUID.randomUUID()
				+ "\",\"name\":\"Not A Name\",\"value\":1,\"at\":\"2026-11-25T10:00:00Z\"},{\"id\":\""
				+ UUID.randomUUID()
				+ "\",\"name\":\"db.query.time\",\"value\":\"fast\",\"at\":\"2026-11-25T10:00:00Z\"}]}");
		assertThat(answer).containsEntry("accepted", 0);
		assertThat(answer.get("rejected").toString()).contains("field=name").contains("field=value");
	}

	@Test
	void unknownMetricAndBadStepNameTheParameter() {
		for (String query : new String[] { "metric=nope", "metric=ai.calls&step=5m", "metric=ai.calls&label=route:x",
				"metric=ai.calls&step=1m&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z" }) {
			this.web.get()
				.uri("/api/admin/metrics/timeseries?" + query)
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.value((field) -> assertThat(field).isIn("metric", "step", "label", "from"));
		}
	}

	private Map<String, Object> post(String body) {
		return postJson("/api/system-metrics", ingestToken(), body, HttpStatus.ACCEPTED);
	}

	private static String reading(UUID id, String name, double value, String kind, Instant at) {
		String reading = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"value\":" + value
				+ ",\"unit\":\"bytes\",\"labels\":{\"kind\":\"" + kind + "\"},\"at\":\"" + at + "\"}";
		EventSchemas.assertConforms(EventTypes.SYSTEM_GAUGE, reading);
		return reading;
	}

}
