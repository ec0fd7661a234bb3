package com.xorstack.metrics.system;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger of event ids each consumer has applied. Claiming ids in the same transaction
 * as their effect makes an at-least-once delivery count exactly once.
 */
@Repository
public class ProcessedEvents {

	private final DatabaseClient db;

	ProcessedEvents(DatabaseClient db) {
		this.db = db;
	}

	/** Claims the ids; answers those that had not been claimed before. */
	public Mono<Set<String>> claim(String consumer, Collection<String> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.db
			.sql("insert into processed_events (event_id, consumer) select distinct id, :consumer"
					+ " from unnest(cast(:ids as text[])) as t(id) on conflict do nothing returning event_id")
			.bind("consumer", consumer)
			.bind("ids", ids.toArray(String[]::new))
			.map((row) -> row.get("event_id", String.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

}
