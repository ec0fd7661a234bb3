package com.xorstack.metrics.traffic;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import com.xorstack.devstack.TestStack;
import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.metrics.rollup.Aggregate;
import com.xorstack.metrics.rollup.Labels;
import com.xorstack.metrics.rollup.Observation;
import com.xorstack.metrics.rollup.RollupReader;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.DeadLetters;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * AI calls and gateway requests from a real Kafka through the rollups: sums exact,
 * percentiles within 1 % of exact ones computed here, over windows that take whole hours
 * from the hourly rollups and their edges from the minute rollups.
 */
class TrafficEventsIntegrationTests extends MetricsIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	RollupReader rollups;

	@Autowired
	MeterRegistry meters;

	record Call(Instant at, double durationMs, long input, long output, boolean error, BigDecimal cost) {
	}

	@Test
	void aiCallsRollUpToExactSumsAndPercentilesAcrossMinuteAndHourBuckets() {
		String function = "fn-" + UUID.randomUUID();
		Instant now = Instant.now();
		// spread over the last 170 minutes: at least two whole hours and two edges
		List<Call> calls = sendAiCalls(function, now, 400, Duration.ofMinutes(170));
		assertWindows(function, now, calls, Duration.ofMinutes(100), Duration.ofMinutes(150), Duration.ofHours(3),
				Duration.ofMinutes(20));
		Map<String, Object> hourly = timeseries("ai.calls", "1h", now.minus(4, ChronoUnit.HOURS), now,
				"function:" + function);
		Map<String, Object> perMinute = timeseries("ai.calls", "1m", now.minus(4, ChronoUnit.HOURS), now,
				"function:" + function);
		assertThat(sum(hourly)).isEqualTo(calls.size());
		assertThat(sum(perMinute)).isEqualTo(calls.size());
		for (String quantile : List.of("p50", "p95", "p99")) {
			assertHourlyPercentiles(timeseries("ai.latency." + quantile + "_ms", "1h", now.minus(4, ChronoUnit.HOURS),
					now, "function:" + function), calls, Integer.parseInt(quantile.substring(1)) / 100.0);
		}
	}

	/** Each hour's point against the exact percentile of the calls in that hour. */
	@SuppressWarnings("unchecked")
	private static void assertHourlyPercentiles(Map<String, Object> series, List<Call> calls, double q) {
		for (Map<String, Object> point : (List<Map<String, Object>>) series.get("points")) {
			Instant hour = Instant.parse((String) point.get("t"));
			double[] sorted = calls.stream()
				.filter((call) -> call.at().truncatedTo(ChronoUnit.HOURS).equals(hour))
				.mapToDouble(Call::durationMs)
				.sorted()
				.toArray();
			if (sorted.length == 0) {
				assertThat(point.get("value")).isNull();
				continue;
			}
			double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
			assertThat(((Number) point.get("value")).doubleValue()).as("p%s at %s", q * 100, hour)
				.isCloseTo(exact, within(exact * 0.01));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void windowsOfDaysMergeDailyHourlyAndMinuteRollups() {
		String function = "fn-" + UUID.randomUUID();
		Instant now = Instant.now();
		List<Call> calls = sendAiCalls(function, now, 300, Duration.ofHours(74));
		assertWindows(function, now, calls, Duration.ofHours(73), Duration.ofHours(50), Duration.ofHours(26),
				Duration.ofDays(7));
		Map<String, Object> daily = timeseries("ai.calls", "1d", now.minus(5, ChronoUnit.DAYS), now,
				"function:" + function);
		assertThat(sum(daily)).isEqualTo(calls.size());
		Map<String, Object> usage = this.web.get()
			.uri("/api/admin/analytics/usage?from={from}", LocalDate.now(ZoneOffset.UTC).minusDays(5))
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat((List<Object>) usage.get("aiCallsByFunction"))
			.contains((Object) Map.of("functionName", function, "calls", 300));
	}

	@Test
	void heatmapCountsRequestsInTheirWeekdayAndHour() {
		Instant at = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS).plusSeconds(600);
		int weekday = at.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
		int hour = at.atZone(ZoneOffset.UTC).getHour();
		long before = heatmapCell(weekday, hour);
		try (KafkaProducer<String, byte[]> producer = producer()) {
			for (int i = 0; i < 3; i++) {
				producer.send(CloudEventRecords.toRecord(TrafficEvents.request(UUID.randomUUID(), "heatmap", "/api/me",
						200, 10, at.plusSeconds(i), null)));
			}
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> heatmapCell(weekday, hour) == before + 3);
	}

	@SuppressWarnings("unchecked")
	private long heatmapCell(int weekday, int hour) {
		Map<String, Object> heatmap = this.web.get()
			.uri("/api/admin/analytics/heatmap?source=api")
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		return ((List<Map<String, Object>>) heatmap.get("items")).stream()
			.filter((cell) -> cell.get("weekday").equals(weekday) && cell.get("hour").equals(hour))
			.mapToLong((cell) -> ((Number) cell.get("count")).longValue())
			.findFirst()
			.orElseThrow();
	}

	private List<Call> sendAiCalls(String function, Instant now, int count, Duration spread) {
		Random random = new Random(count);
		List<Call> calls = new ArrayList<>();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			for (int i = 0; i < count; i++) {
				Instant at = now.minusSeconds(60 + random.nextInt((int) spread.toSeconds() - 60));
				double duration = Math.round(Math.exp(6 + random.nextGaussian()) * 10) / 10.0;
				boolean error = random.nextInt(10) == 0;
				BigDecimal cost = (i % 7 == 0) ? null : BigDecimal.valueOf(random.nextInt(10_000), 6);
				Call call = new Call(at, duration, random.nextInt(2000), random.nextInt(800), error, cost);
				calls.add(call);
				producer.send(CloudEventRecords
					.toRecord(TrafficEvents.aiCall(UUID.randomUUID(), function, "gpt-test", at, duration, call.input(),
							call.output(), error, (cost != null) ? cost.toPlainString() : null, null)));
			}
		}
		Labels labels = new Labels(function, null, null);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.rollups
				.aggregate(Observation.AI, labels, now.minus(spread).minus(Duration.ofHours(1)), now)
				.block()
				.calls() == calls.size());
		return calls;
	}

	/** Each window against exact figures of the calls inside it, computed here. */
	private void assertWindows(String function, Instant now, List<Call> calls, Duration... windows) {
		Labels labels = new Labels(function, null, null);
		for (Duration window : windows) {
			Instant from = now.minus(window);
			List<Call> inside = calls.stream()
				.filter((call) -> !call.at().isBefore(from.truncatedTo(ChronoUnit.MINUTES)))
				.toList();
			Aggregate merged = this.rollups.aggregate(Observation.AI, labels, from, now).block();
			assertThat(merged.calls()).as("calls in %s", window).isEqualTo(inside.size());
			assertThat(merged.errors()).isEqualTo(inside.stream().filter(Call::error).count());
			assertThat(merged.inputTokens()).isEqualTo(inside.stream().mapToLong(Call::input).sum());
			assertThat(merged.outputTokens()).isEqualTo(inside.stream().mapToLong(Call::output).sum());
			assertThat(merged.unpricedCalls()).isEqualTo(inside.stream().filter((c) -> c.cost() == null).count());
			assertThat(merged.costUsd()).isEqualByComparingTo(inside.stream()
				.filter((c) -> c.cost() != null)
				.map(Call::cost)
				.reduce(BigDecimal.ZERO, BigDecimal::add));
			double[] sorted = inside.stream().mapToDouble(Call::durationMs).sorted().toArray();
			assertThat(merged.averageMs())
				.isCloseTo(inside.stream().mapToDouble(Call::durationMs).average().orElseThrow(), within(1e-6));
			for (double q : new double[] { 0.5, 0.95, 0.99 }) {
				double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
				assertThat(merged.quantileMs(q)).as("p%s over %s", q * 100, window)
					.isCloseTo(exact, within(exact * 0.01));
			}
		}
	}

	@Test
	void redeliveredEventsCountOnce() {
		String function = "fn-" + UUID.randomUUID();
		String route = "route-" + UUID.randomUUID();
		Instant now = Instant.now();
		OutgoingEvent call = TrafficEvents.aiCall(UUID.randomUUID(), function, "gpt-test", now.minusSeconds(30), 120,
				10, 5, false, "0.001", null);
		OutgoingEvent request = TrafficEvents.request(UUID.randomUUID(), route, "/api/feedback", 200, 12, now, null);
		try (KafkaProducer<String, byte[]> producer = producer()) {
			for (int i = 0; i < 3; i++) {
				producer.send(CloudEventRecords.toRecord(call));
				producer.send(CloudEventRecords.toRecord(request));
			}
			producer.send(CloudEventRecords.toRecord(TrafficEvents.aiCall(UUID.randomUUID(), function, "gpt-test",
					now.minusSeconds(20), 80, 10, 5, false, "0.001", null)));
		}
		Instant from = now.minusSeconds(600);
		Instant to = now.plusSeconds(60);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.rollups.aggregate(Observation.AI, new Labels(function, null, null), from, to)
				.block()
				.calls() == 2
					&& this.rollups.aggregate(Observation.API, new Labels(route, null, null), from, to)
						.block()
						.calls() == 1);
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.rollups.aggregate(Observation.AI, new Labels(function, null, null), from, to)
				.block()
				.inputTokens() == 20);
	}

	@Test
	void aWatchedDashboardStreamCountsAsARequestButNotAsLatency() {
		String route = "route-" + UUID.randomUUID();
		Instant now = Instant.now();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(CloudEventRecords.toRecord(TrafficEvents.request(UUID.randomUUID(), route,
					"/api/admin/dashboard/stream", 200, 3_600_000, now, null)));
			producer.send(CloudEventRecords.toRecord(TrafficEvents.request(UUID.randomUUID(), route,
					"/api/admin/dashboard/summary", 200, 40, now, null)));
		}
		Labels labels = new Labels(route, null, null);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.rollups.aggregate(Observation.API, labels, now.minusSeconds(600), now.plusSeconds(60))
				.block()
				.calls() == 2);
		Aggregate api = this.rollups.aggregate(Observation.API, labels, now.minusSeconds(600), now.plusSeconds(60))
			.block();
		assertThat(api.quantileMs(0.99)).isCloseTo(40.0, within(0.4));
		assertThat(api.averageMs()).isEqualTo(40.0);
	}

	@Test
	void unreadableAndInvalidEventsGoToTheDeadLetterTopicAndTheConsumerGoesOn() {
		String route = "route-" + UUID.randomUUID();
		String poisonKey = "poison-" + UUID.randomUUID();
		String invalidKey = "invalid-" + UUID.randomUUID();
		Instant now = Instant.now();
		double deadLettersBefore = deadLetters(Topics.GATEWAY_REQUEST, "InvalidEventException");
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>(Topics.GATEWAY_REQUEST, poisonKey,
					"{not a cloud event".getBytes(StandardCharsets.UTF_8)));
			producer.send(CloudEventRecords
				.toRecord(invalidEvent(UUID.randomUUID(), EventTypes.GATEWAY_REQUEST_COMPLETED, Topics.GATEWAY_REQUEST,
						invalidKey, "{\"route\":\"x\",\"method\":\"GET\",\"path\":\"/\",\"durationMs\":1}")));
			producer.send(CloudEventRecords
				.toRecord(TrafficEvents.request(UUID.randomUUID(), route, "/api/me", 503, 40, now, null)));
		}
		List<ConsumerRecord<String, byte[]>> dead = DeadLetterTopics.await(Topics.GATEWAY_REQUEST, poisonKey,
				invalidKey);
		assertThat(new String(dead.get(1).headers().lastHeader("kafka_dlt-exception-message").value(),
				StandardCharsets.UTF_8))
			.contains("status");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.rollups
				.aggregate(Observation.API, new Labels(route, null, null), now.minusSeconds(600), now.plusSeconds(60))
				.block()
				.errors() == 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(deadLetters(Topics.GATEWAY_REQUEST, "InvalidEventException"))
				.isEqualTo(deadLettersBefore + 2));
	}

	private double deadLetters(String topic, String reason) {
		Counter counter = this.meters.find(DeadLetters.METRIC).tags("topic", topic, "reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void summaryShowsRequestsAiCallsTokensCostAndSessions() {
		Map<String, Object> before = summary("24h");
		String session = "session-" + UUID.randomUUID();
		Instant now = Instant.now();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(CloudEventRecords.toRecord(TrafficEvents.request(UUID.randomUUID(), "metrics",
					"/api/admin/dashboard/summary", 200, 35, now.minusSeconds(5), session)));
			producer.send(CloudEventRecords.toRecord(TrafficEvents.request(UUID.randomUUID(), "feedback",
					"/api/feedback", 500, 20, now.minusSeconds(5), session)));
			producer.send(CloudEventRecords.toRecord(TrafficEvents.aiCall(UUID.randomUUID(), "summarize", "gpt-x",
					now.minusSeconds(5), 900, 100, 50, false, "0.25", session)));
			producer.send(CloudEventRecords.toRecord(TrafficEvents.aiCall(UUID.randomUUID(), "summarize",
					"no-price-model", now.minusSeconds(5), 1100, 10, 5, true, null, session)));
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> number(summary("24h"), "aiCalls") == number(before, "aiCalls") + 2
					&& number(summary("24h"), "apiRequests") == number(before, "apiRequests") + 2);
		Map<String, Object> after = summary("24h");
		assertThat(number(after, "totalTokens") - number(before, "totalTokens")).isEqualTo(165);
		assertThat(number(after, "unpricedAiCalls") - number(before, "unpricedAiCalls")).isEqualTo(1);
		assertThat(((Number) after.get("estimatedCostUsd")).doubleValue()
				- ((Number) before.get("estimatedCostUsd")).doubleValue())
			.isCloseTo(0.25, within(1e-9));
		assertThat(number(after, "activeSessions")).isGreaterThanOrEqualTo(1);
		assertThat(after).containsKeys("avgAiLatencyMs", "aiP95Ms", "errorRatePercent", "apiP50Ms", "apiP95Ms",
				"apiP99Ms", "apiErrorRatePercent", "pendingFeedback", "slos");
		assertThat(after.get("apiP99Ms")).isNotNull();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> slos = (List<Map<String, Object>>) after.get("slos");
		assertThat(slos).extracting((slo) -> slo.get("metric"))
			.contains("edge_function_latency_avg_ms", "error_rate_percent", "ai_p95_ms", "dashboard_load_p95_ms");
		assertThat(slos).filteredOn((slo) -> "dashboard_load_p95_ms".equals(slo.get("metric")))
			.singleElement()
			.satisfies((slo) -> assertThat(slo.get("status")).isIn("ok", "breached"));
	}

	private Map<String, Object> summary(String window) {
		return adminGet("/api/admin/dashboard/summary?window={window}", window);
	}

	private Map<String, Object> timeseries(String metric, String step, Instant from, Instant to, String label) {
		return adminGet((uri) -> uri.path("/api/admin/metrics/timeseries")
			.queryParam("metric", metric)
			.queryParam("step", step)
			.queryParam("from", from.toString())
			.queryParam("to", to.toString())
			.queryParam("label", label)
			.build());
	}

	@SuppressWarnings("unchecked")
	private static long sum(Map<String, Object> series) {
		return ((List<Map<String, Object>>) series.get("points")).stream()
			.mapToLong((point) -> ((Number) point.get("value")).longValue())
			.sum();
	}

	private static long number(Map<String, Object> body, String field) {
		return ((Number) body.get(field)).longValue();
	}

}
