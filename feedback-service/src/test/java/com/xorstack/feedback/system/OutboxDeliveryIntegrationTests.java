package com.xorstack.feedback.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.DevStack;
import com.xorstack.devstack.TestStack;
import com.xorstack.feedback.FeedbackIntegrationTest;
import com.xorstack.devstack.EventRecords;
import com.xorstack.feedback.FeedbackApi;
import com.xorstack.platform.events.Topics;

import static com.xorstack.feedback.FeedbackApi.MODERATOR;
import static com.xorstack.feedback.FeedbackApi.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox guarantee with a real outage: Kafka stops while users submit and moderators
 * triage, and starts again. Every committed event arrives, none is invented, and the
 * events of one feedback arrive in the order they were committed.
 */
class OutboxDeliveryIntegrationTests extends FeedbackIntegrationTest {

	@Autowired
	DatabaseClient db;

	FeedbackApi api;

	@Autowired
	void api(WebTestClient web) {
		// While Kafka is away, OutboxRelay's KafkaTemplate.send blocks the thread it runs
		// on
		// for up to max.block.ms waiting for metadata, and that thread is an R2DBC event
		// loop: requests sharing it wait too. Reported; until the relay sends off the
		// event loop, this test allows for it instead of failing on latency.
		this.api = new FeedbackApi(web.mutate().responseTimeout(Duration.ofSeconds(30)).build());
	}

	@Test
	void everyEventCommittedWhileKafkaIsDownIsDeliveredOnceItIsBackInOrderPerFeedback() {
		DevStack stack = TestStack.get().devStack();
		List<UUID> ids = new ArrayList<>();
		ids.add(this.api.submittedId(USER, "before the outage"));
		awaitOutboxDrained();
		stack.stopKafka();
		try {
			for (int i = 0; i < 5; i++) {
				ids.add(this.api.submittedId(USER, "during the outage " + i));
			}
			this.api.patch(MODERATOR, ids.get(0), "\"0\"", Map.of("status", "reviewed")).expectStatus().isOk();
			this.api.patch(MODERATOR, ids.get(2), "\"0\"", Map.of("status", "reviewed")).expectStatus().isOk();
			this.api.patch(MODERATOR, ids.get(2), "\"1\"", Map.of("status", "resolved")).expectStatus().isOk();
			assertThat(pendingInOutbox()).as("events held back while Kafka is down: 5 submitted, 3 triaged, 3 audit")
				.isEqualTo(11);
		}
		finally {
			stack.startKafka();
		}
		ids.add(this.api.submittedId(USER, "after the outage"));
		Map<String, List<String>> committed = committedEventIds(ids);
		int expected = committed.values().stream().mapToInt(List::size).sum();
		assertThat(expected).isEqualTo(ids.size() + 3);
		Set<String> keys = new HashSet<>(committed.keySet());
		List<ConsumerRecord<String, byte[]>> delivered = EventRecords.await(Topics.FEEDBACK_EVENTS,
				(record) -> keys.contains(record.key()), expected, Duration.ofSeconds(120), Duration.ofSeconds(3));
		List<ConsumerRecord<String, byte[]>> distinct = EventRecords.distinct(delivered);
		System.out.printf("Outbox delivery: %d committed, %d records delivered, %d distinct%n", expected,
				delivered.size(), distinct.size());
		assertThat(distinct).as("count in = count out").hasSize(expected);
		assertThat(idsByKey(distinct)).as("every committed event, in commit order per feedback").isEqualTo(committed);
	}

	private void awaitOutboxDrained() {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (pendingInOutbox() > 0) {
			assertThat(System.nanoTime()).as("outbox drained within 60 s").isLessThan(deadline);
			sleep();
		}
	}

	private long pendingInOutbox() {
		return this.db.sql("select count(*) as pending from outbox where published_at is null")
			.map((row) -> row.get("pending", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

	/**
	 * Event ids per feedback on feedback.events.v1, in the order the outbox holds them.
	 */
	private Map<String, List<String>> committedEventIds(List<UUID> ids) {
		Map<String, List<String>> committed = new LinkedHashMap<>();
		this.db
			.sql("select event_key, event_id from outbox where topic = :topic and event_key = any(:keys) order by seq")
			.bind("topic", Topics.FEEDBACK_EVENTS)
			.bind("keys", ids.stream().map(UUID::toString).toArray(String[]::new))
			.map((row) -> Map.entry(row.get("event_key", String.class), row.get("event_id", UUID.class).toString()))
			.all()
			.toIterable()
			.forEach((entry) -> committed.computeIfAbsent(entry.getKey(), (key) -> new ArrayList<>())
				.add(entry.getValue()));
		return committed;
	}

	private static Map<String, List<String>> idsByKey(List<ConsumerRecord<String, byte[]>> records) {
		Map<String, List<String>> byKey = new LinkedHashMap<>();
		records.forEach((record) -> byKey.computeIfAbsent(record.key(), (key) -> new ArrayList<>())
			.add(EventRecords.header(record, "ce_id")));
		return byKey;
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
