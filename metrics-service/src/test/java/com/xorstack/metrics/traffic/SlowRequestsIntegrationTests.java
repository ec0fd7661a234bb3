package com.xorstack.metrics.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.platform.events.CloudEventRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The slowest gateway requests of a window with their trace ids, for the Performance
 * tab's links to each trace.
 */
class SlowRequestsIntegrationTests extends MetricsIntegrationTest {

	@Test
	@SuppressWarnings("unchecked")
	void theSlowestTracedRequestsOfTheWindowComeWithTheirTraceIds() {
		String route = "route-" + UUID.randomUUID();
		String slowest = traceId();
		Instant now = Instant.now();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(CloudEventRecords
				.toRecord(TrafficEvents.request(UUID.randomUUID(), route, "/api/me", 200, 12, now, null, traceId())));
			producer.send(CloudEventRecords
				.toRecord(TrafficEvents.request(UUID.randomUUID(), route, "/api/me", 504, 98_765, now, null, slowest)));
			// without a trace there is nothing to link to
			producer.send(CloudEventRecords
				.toRecord(TrafficEvents.request(UUID.randomUUID(), route, "/api/me", 200, 99_999, now, null, null)));
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mine(route)).isNotEmpty());
		List<Map<String, Object>> mine = mine(route);
		assertThat(mine.get(0)).containsEntry("traceId", slowest)
			.containsEntry("status", 504)
			.containsEntry("method", "GET")
			.containsEntry("durationMs", 98_765.0);
		assertThat(mine).allSatisfy((request) -> assertThat((String) request.get("traceId")).matches("[0-9a-f]{32}"));
		List<Map<String, Object>> all = (List<Map<String, Object>>) adminGet(
				"/api/admin/metrics/slowest-requests?window=1h&limit=50")
			.get("items");
		assertThat(all).extracting((request) -> ((Number) request.get("durationMs")).doubleValue())
			.isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

	@Test
	void aWindowLongerThanTheyAreKeptIsRefused() {
		assertRefusedQuery("/api/admin/metrics/slowest-requests?window=2d", "window");
		assertRefusedQuery("/api/admin/metrics/slowest-requests?limit=0", "limit");
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> mine(String route) {
		return ((List<Map<String, Object>>) adminGet("/api/admin/metrics/slowest-requests?window=1h&limit=50")
			.get("items")).stream().filter((request) -> route.equals(request.get("route"))).toList();
	}

	private static String traceId() {
		byte[] id = new byte[16];
		ThreadLocalRandom.current().nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

}
