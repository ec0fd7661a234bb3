package com.xorstack.platform.events;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one error handler of a service's listeners. A record that can never succeed (bad
 * CloudEvent, invalid data) goes straight to {@code <topic>.dlt}; anything else is
 * retried with backoff a few times first. Spring Kafka puts the reason in the
 * {@code kafka_dlt-exception-*} headers, and the consumer goes on.
 */
public final class DeadLetters {

	private DeadLetters() {
	}

	public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxElapsedTime(5_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(InvalidEventException.class);
		return handler;
	}

}
