package com.xorstack.ailog.system;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import com.xorstack.platform.outbox.OutboxConfiguration;

/**
 * Kafka of ailog-service: the ingest topic and its dead-letter topic, the recorded topic
 * (published by the ingest itself after each commit, see {@code RecordedEvents}), and the
 * batch listener container of the ingest. The outbox relay stays only to publish rows an
 * earlier version left in the {@code outbox} table; nothing writes it any more.
 */
@Configuration(proxyBeanMethods = false)
@Import(OutboxConfiguration.class)
class EventsConfiguration {

	/** Partitions of the ingest topic, and consumers of them in each instance. */
	private static final int INGEST_PARTITIONS = 3;

	/**
	 * Batches of up to 1000 records; offsets are committed after the listener returned,
	 * that is after the database commit. Invalid records never reach the error handler
	 * (the listener dead-letters them itself), nor does an {@code Error} a record causes:
	 * the container hands only exceptions to its error handler (also when the handler
	 * retries the batch) and stops the consumer on an {@code Error}, so the listener
	 * dead-letters the record instead. Whatever reaches the handler is a failure of the
	 * database or the broker (also a failed publish of {@code ailog.recorded.v1}): the
	 * batch is retried with backoff, never skipped, and its offsets stay uncommitted. One
	 * consumer a partition: while one waits for its insert to commit, another parses its
	 * batch, which a single consumer would leave the database idle for (the AI-log ingest
	 * benchmark in docs/BENCHMARKS.md measured it).
	 */
	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> ingestListenerFactory(KafkaProperties properties) {
		Map<String, Object> config = properties.buildConsumerProperties();
		// no group id here: the listener's id, ailog-ingest, is its consumer group
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(
				new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer()));
		factory.setBatchListener(true);
		factory.setConcurrency(INGEST_PARTITIONS);
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(10_000);
		factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		return factory;
	}

}
