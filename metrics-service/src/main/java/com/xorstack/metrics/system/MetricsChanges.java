package com.xorstack.metrics.system;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * Tells open dashboard streams that new data was applied, so they push before their next
 * tick. Best effort: a signal nobody listens to is dropped.
 */
@Component
public class MetricsChanges {

	private final Sinks.Many<Long> changes = Sinks.many().multicast().directBestEffort();

	public void changed() {
		this.changes.tryEmitNext(System.nanoTime());
	}

	public Flux<Long> changes() {
		return this.changes.asFlux();
	}

}
