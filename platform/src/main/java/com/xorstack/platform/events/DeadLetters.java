package com.xorstack.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one error handler of a service's listeners, and the counter of dead letters every
 * service shares. A record that can never succeed (bad CloudEvent, invalid data) goes
 * straight to {@code <topic>.dlt}; anything else is retried with backoff a few times
 * first. Spring Kafka puts the reason in the {@code kafka_dlt-exception-*} headers, and
 * the consumer goes on.
 */
public final class DeadLetters {

	/**
	 * Records whose dead letter the broker acknowledged, tagged {@code topic} (the source
	 * topic, not the {@code .dlt} one) and {@code reason} (the simple class name of the
	 * exception, never its message). Prometheus shows it as
	 * {@code xorstack_events_dead_letters_total}.
	 */
	public static final String METRIC = "xorstack.events.dead.letters";

	private DeadLetters() {
	}

	/**
	 * The error handler for a service's listener containers. A record is counted once the
	 * broker acknowledged its dead letter; should that publish fail, the recoverer
	 * throws, the record is not counted and is delivered again.
	 */
	public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, MeterRegistry registry) {
		DeadLetterPublishingRecoverer recoverer = new CountingRecoverer(template, registry);
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxElapsedTime(5_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(InvalidEventException.class);
		return handler;
	}

	/**
	 * Counts one record of {@code topic} acknowledged on its dead-letter topic.
	 * @param reason the simple class name of the exception, see {@link #reason}
	 */
	public static void count(MeterRegistry registry, String topic, String reason) {
		registry.counter(METRIC, "topic", topic, "reason", reason).increment();
	}

	/**
	 * The simple class name of what failed, under the wrappers the listener container and
	 * batch listeners add: a handful of values, fit for a tag.
	 */
	public static String reason(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof ListenerExecutionFailedException || cause instanceof TimestampedException
				|| cause instanceof BatchListenerFailedException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		String name = cause.getClass().getSimpleName();
		return name.isEmpty() ? cause.getClass().getName() : name;
	}

	private static final class CountingRecoverer extends DeadLetterPublishingRecoverer {

		private final MeterRegistry registry;

		CountingRecoverer(KafkaOperations<?, ?> template, MeterRegistry registry) {
			super(template, (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
			this.registry = registry;
		}

		@Override
		public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
			// waits for the broker to acknowledge the dead letter, throws without it
			super.accept(record, consumer, exception);
			count(this.registry, record.topic(), reason(exception));
		}

	}

}
