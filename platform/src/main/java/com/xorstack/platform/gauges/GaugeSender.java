package com.xorstack.platform.gauges;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * Sends readings on {@code system.metrics.v1} through a template of its own over the
 * service's producer factory (the same producer and settings) that does not log each
 * failed record: the run that sends logs once.
 */
final class GaugeSender {

	private final KafkaTemplate<String, byte[]> kafka;

	private final URI source;

	GaugeSender(KafkaTemplate<String, byte[]> kafka, String service) {
		this.kafka = new KafkaTemplate<>(kafka.getProducerFactory());
		this.kafka.setProducerListener(new ProducerListener<>() {
		});
		this.kafka.setMicrometerEnabled(false);
		this.source = URI.create("/" + service);
	}

	/**
	 * All readings at once, then their acknowledgements; answers how many were sent.
	 * {@code send} blocks while the broker's metadata is unknown: kept off the event
	 * loop.
	 */
	Mono<Integer> send(List<GaugeReading> readings) {
		return Mono
			.fromCallable(
					() -> readings.stream().map((reading) -> this.kafka.send(reading.toRecord(this.source))).toList())
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((sends) -> Mono.fromFuture(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))))
			.thenReturn(readings.size());
	}

}
