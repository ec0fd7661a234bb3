package com.xorstack.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.xorstack.bench.AiCallEvents.AiCall;

/**
 * Produces every call to {@code ailog.ingest.v1} as fast as one tuned producer can (acks
 * all and idempotence, as an edge function would; batches of 256 KiB, 10 ms linger, the
 * given compression), as CloudEvents in binary mode: the attributes in {@code ce_*}
 * headers and the call's JSON as the value, keyed by function name.
 */
final class KafkaIngestPath {

	static final String TOPIC = "ailog.ingest.v1";

	private final Map<String, Object> client;

	private final String compression;

	/**
	 * @param client settings of a Kafka client signed in as edge functions are
	 */
	KafkaIngestPath(Map<String, Object> client, String compression) {
		this.client = client;
		this.compression = compression;
	}

	/** Built before the clock starts, like the events. */
	static List<ProducerRecord<String, byte[]>> records(List<AiCall> calls) {
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>(calls.size());
		for (AiCall call : calls) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, call.functionName(), call.json());
			record.headers()
				.add(header("ce_specversion", "1.0"))
				.add(header("ce_id", call.id().toString()))
				.add(header("ce_source", "/edge/" + call.functionName()))
				.add(header("ce_type", "com.xorstack.ailog.call.v1"))
				.add(header("ce_time", call.occurredAt().toString()))
				.add(header("content-type", "application/json"));
			records.add(record);
		}
		return records;
	}

	/**
	 * Sends them all and waits until the broker acknowledged each; answers when the first
	 * send started ({@link System#nanoTime()}), the seconds until the last was
	 * acknowledged and the id of the last event of each partition. Throws if any send
	 * failed.
	 */
	Produced produce(List<ProducerRecord<String, byte[]>> records) {
		AtomicLong failed = new AtomicLong();
		// a producer calls back the sends to one partition in the order it sent them
		Map<Integer, UUID> lastOfPartition = new ConcurrentHashMap<>();
		AtomicReference<Exception> firstFailure = new AtomicReference<>();
		long started;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config(), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.partitionsFor(TOPIC);
			started = System.nanoTime();
			for (ProducerRecord<String, byte[]> record : records) {
				UUID id = UUID
					.fromString(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
				producer.send(record, (metadata, ex) -> {
					if (ex != null) {
						failed.incrementAndGet();
						firstFailure.compareAndSet(null, ex);
					}
					else {
						lastOfPartition.put(metadata.partition(), id);
					}
				});
			}
			producer.flush();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " sends failed", firstFailure.get());
		}
		return new Produced(started, seconds, List.copyOf(lastOfPartition.values()));
	}

	/**
	 * What was produced: when, in how long, and the last event of each partition. The
	 * service stores a partition's events in order, so once those are stored all are.
	 */
	record Produced(long startedNanos, double seconds, List<UUID> lastOfEachPartition) {

	}

	private Properties config() {
		Properties config = new Properties();
		config.putAll(this.client);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, this.compression);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
		return config;
	}

	private static RecordHeader header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
