package com.xorstack.metrics.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.platform.events.CloudEventRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gateway requests trickling in (the gateway sends what it has every 200 ms) are applied
 * a second's worth at a time, not a transaction for every trickle: what one request event
 * costs metrics-service stays bounded at low rates.
 */
class GatewayRequestBatchingIntegrationTests extends MetricsIntegrationTest {

	private static final int EVENTS = 30;

	@Autowired
	MeterRegistry meters;

	@Test
	void requestsArrivingOneByOneAreAppliedInFewTransactions() throws Exception {
		DistributionSummary batches = this.meters.summary(TrafficRecorder.BATCH_SIZE, "consumer", "gateway-requests");
		long batchesBefore = batches.count();
		double eventsBefore = batches.totalAmount();
		String route = "batching-" + UUID.randomUUID();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			// 30 events, one every 50 ms, each sent on its own: fetched as they come they
			// would be about 30 transactions
			for (int i = 0; i < EVENTS; i++) {
				producer.send(CloudEventRecords
					.toRecord(TrafficEvents.request(UUID.randomUUID(), route, "/api/me", 200, 5, Instant.now(), null)));
				producer.flush();
				Thread.sleep(50);
			}
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> batches.totalAmount() - eventsBefore >= EVENTS);
		// 1.5 s of sending: two or three fetches of about a second; seven leave room for
		// a loaded machine and for other tests' events, far below one per event
		assertThat(batches.count() - batchesBefore).isLessThanOrEqualTo(7);
	}

}
