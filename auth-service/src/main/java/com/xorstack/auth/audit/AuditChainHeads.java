package com.xorstack.auth.audit;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import com.xorstack.platform.events.CloudEventRecords;

/**
 * Reads the newest head anchored on the compacted topic: its one partition's last record
 * for the chain's key. Read fresh for every verify and once at start, on a worker thread
 * (the Kafka consumer blocks), with no group offsets committed.
 */
@Component
class AuditChainHeads {

	/** The record key of this chain's heads: the one compaction keeps the newest of. */
	static final String KEY = "audit_log";

	/** Enough to step back over a few other keys' records and reach ours. */
	private static final int LOOK_BACK = 64;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ConsumerFactory<String, byte[]> consumers;

	private final JsonMapper json;

	private final AuditProperties properties;

	AuditChainHeads(ConsumerFactory<String, byte[]> consumers, JsonMapper json, AuditProperties properties) {
		this.consumers = consumers;
		this.json = json;
		this.properties = properties;
	}

	/** The newest head published; empty when none ever was. */
	Mono<AuditChainHead> newest() {
		return Mono.fromCallable(this::read).subscribeOn(Schedulers.boundedElastic());
	}

	private @Nullable AuditChainHead read() {
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		TopicPartition partition = new TopicPartition(this.properties.chainHeadTopic(), 0);
		try (Consumer<String, byte[]> consumer = this.consumers.createConsumer("auth-audit-chain-head", "chain-head",
				null, overrides)) {
			consumer.assign(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
			consumer.seek(partition, Math.max(0, end - LOOK_BACK));
			AuditChainHead newest = null;
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (consumer.position(partition, TIMEOUT) < end) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Timed out reading " + partition);
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (KEY.equals(record.key())) {
						newest = AuditChainHead.of(this.json.readTree(CloudEventRecords.fromRecord(record).data()));
					}
				}
			}
			return newest;
		}
	}

}
