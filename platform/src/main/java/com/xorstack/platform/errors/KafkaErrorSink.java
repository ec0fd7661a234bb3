package com.xorstack.platform.errors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * Publishes each unhandled error as {@code com.xorstack.system.error.v1} for
 * metrics-service's Errors view. Straight to Kafka like the storage gauges: a count, not
 * a domain event, so no outbox; one lost to a broker outage is logged, not retried.
 * {@code send} blocks while the broker's metadata is unknown: kept off the event loop.
 */
final class KafkaErrorSink implements ErrorSink {

	private static final Logger log = LoggerFactory.getLogger(KafkaErrorSink.class);

	private final KafkaTemplate<String, byte[]> kafka;

	/** A template of its own over the service's producer that logs a failure once. */
	KafkaErrorSink(KafkaTemplate<String, byte[]> kafka) {
		this.kafka = new KafkaTemplate<>(kafka.getProducerFactory());
		this.kafka.setProducerListener(new ProducerListener<>() {
		});
		this.kafka.setMicrometerEnabled(false);
	}

	@Override
	public void report(UnhandledError error) {
		// the id is a random UUID (SecureRandom) and send may block: both off the event
		// loop
		Mono.fromFuture(() -> this.kafka.send(ErrorOccurrence.of(error).toRecord()))
			.subscribeOn(Schedulers.boundedElastic())
			.subscribe(null, (ex) -> log.warn("An unhandled {} on {} was not published: {}", error.exceptionType(),
					error.route(), ex.toString()));
	}

	@Override
	public String toString() {
		return "Kafka";
	}

}
