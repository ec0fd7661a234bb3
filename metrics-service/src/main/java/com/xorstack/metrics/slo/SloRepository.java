package com.xorstack.metrics.slo;

import java.time.OffsetDateTime;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class SloRepository {

	private final DatabaseClient db;

	SloRepository(DatabaseClient db) {
		this.db = db;
	}

	Flux<SloTarget> findAll() {
		return this.db
			.sql("select metric, target, unit, description, updated_at, updated_by from slo_targets order by metric")
			.map((row) -> new SloTarget(row.get("metric", String.class), row.get("target", Double.class),
					row.get("unit", String.class), row.get("description", String.class),
					row.get("updated_at", OffsetDateTime.class).toInstant(), row.get("updated_by", String.class)))
			.all();
	}

	Mono<Long> update(String metric, double target, String by) {
		return this.db
			.sql("update slo_targets set target = :target, updated_at = now(), updated_by = :by where metric = :metric")
			.bind("metric", metric)
			.bind("target", target)
			.bind("by", by)
			.fetch()
			.rowsUpdated();
	}

}
