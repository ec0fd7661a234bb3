package com.xorstack.ailog.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.ailog.privacy.AdversarialTexts;
import com.xorstack.devstack.EventRecords;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Previews made to hurt the redactor (those of its properties, up to 20 KB) in events
 * that are valid otherwise: whatever becomes of each, stored or dead-lettered, the Kafka
 * ingest goes on, and a good event after them is stored.
 */
class AdversarialKafkaIntegrationTests extends AilogIntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(AdversarialKafkaIntegrationTests.class);

	/**
	 * Known to hurt: a leading colon once threw in the redactor, a run of titles once
	 * cost it quadratic time, letters before an at sign and deep brackets stalled the old
	 * patterns, a lone surrogate is refused.
	 */
	private static final List<String> KNOWN = List.of(": Jane Doe", "Dr. ".repeat(5_000), "a".repeat(20_000) + "@",
			"[".repeat(20_000), "x \ud83d y");

	@Autowired
	DatabaseClient db;

	@Test
	void adversarialPreviewsAreStoredOrDeadLetteredAndTheNextEventIsStored() {
		String function = "adversarial-kafka-" + UUID.randomUUID();
		List<Map<String, Object>> adversarial = previews().stream().map((preview) -> {
			Map<String, Object> event = AiLogApi.event(function, Instant.now());
			event.put("outputPreview", preview);
			return event;
		}).toList();
		Map<String, Object> good = AiLogApi.event(function, Instant.now());
		// one key, one partition: the good event is read after every adversarial one
		try (KafkaProducer<String, byte[]> producer = IngestRecords.producer()) {
			adversarial.forEach((event) -> producer.send(IngestRecords.cloudEvent(event, function)));
			producer.send(IngestRecords.cloudEvent(good, function));
			producer.flush();
		}
		await().atMost(Duration.ofSeconds(120))
			.untilAsserted(() -> assertThat(IngestRecords.storedIds(this.db, function)).contains(id(good)));

		Set<UUID> sent = adversarial.stream().map(AdversarialKafkaIntegrationTests::id).collect(Collectors.toSet());
		Set<UUID> stored = new HashSet<>(IngestRecords.storedIds(this.db, function));
		stored.remove(id(good));
		List<ConsumerRecord<String, byte[]>> letters = EventRecords.await(Topics.deadLetter(Topics.AILOG_INGEST),
				(record) -> function.equals(record.key()), sent.size() - stored.size(), Duration.ofSeconds(60),
				Duration.ofSeconds(2));
		Set<UUID> deadLettered = letters.stream()
			.map((letter) -> UUID.fromString(EventRecords.header(letter, "ce_id")))
			.collect(Collectors.toSet());
		log.info("Of {} adversarial previews {} were stored and {} dead-lettered: {}", sent.size(), stored.size(),
				deadLettered.size(), reasons(letters));

		Set<UUID> unstorable = adversarial.stream()
			.filter((event) -> !EventFields.storable((String) event.get("outputPreview")))
			.map(AdversarialKafkaIntegrationTests::id)
			.collect(Collectors.toSet());
		assertThat(deadLettered).as("dead-lettered: only what PostgreSQL cannot store (NUL, a lone surrogate)")
			.isEqualTo(unstorable);
		assertThat(stored).as("stored").doesNotContainAnyElementsOf(deadLettered);
		assertThat(stored.size() + deadLettered.size()).as("stored and dead-lettered").isEqualTo(sent.size());
		assertThat(union(stored, deadLettered)).isEqualTo(sent);
		assertThat(longestPreview(function)).isLessThanOrEqualTo(500);
	}

	/** 55 drawn with a fixed seed, and those known to hurt. */
	private static List<String> previews() {
		List<String> previews = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(20261202);
		for (int i = 0; i < 55; i++) {
			previews.add(AdversarialTexts.any(random));
		}
		previews.addAll(KNOWN);
		return previews;
	}

	private static UUID id(Map<String, Object> event) {
		return UUID.fromString((String) event.get("id"));
	}

	private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
		Set<UUID> union = new HashSet<>(a);
		union.addAll(b);
		return union;
	}

	/** How many letters gave each reason, cut to its first words. */
	private static Map<String, Long> reasons(List<ConsumerRecord<String, byte[]>> letters) {
		return letters.stream()
			.map((letter) -> EventRecords.header(letter, "kafka_dlt-exception-message"))
			.map((reason) -> reason.substring(0, Math.min(reason.length(), 120)))
			.collect(Collectors.groupingBy((reason) -> reason, TreeMap::new, Collectors.counting()));
	}

	private int longestPreview(String function) {
		return this.db.sql("select coalesce(max(length(output_preview)), 0) from ai_logs where function_name = :f")
			.bind("f", function)
			.map((row) -> row.get(0, Integer.class))
			.one()
			.block();
	}

}
