package com.xorstack.metrics.uptime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import static com.xorstack.metrics.uptime.UptimeCheckRepository.at;

/** Reads incidents, newest first. */
@Repository
class IncidentRepository {

	private static final String SELECT = "select i.id, i.check_id, c.name, i.started_at, i.ended_at, i.failures,"
			+ " i.cause from uptime_incidents i join uptime_checks c on c.id = i.check_id";

	private final DatabaseClient db;

	IncidentRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Incidents down at any time in {@code [from, now]}. */
	Flux<Incident> overlapping(Instant from, Instant now) {
		return this.db.sql(SELECT + " where coalesce(i.ended_at, 'infinity') > :from and i.started_at <= :now")
			.bind("from", at(from))
			.bind("now", at(now))
			.map((row) -> incident(row, now))
			.all();
	}

	/** A page of incidents below id {@code before}, of one check or open ones only. */
	Flux<Incident> page(@Nullable UUID check, boolean openOnly, long before, int limit, Instant now) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql(SELECT + " where i.id < :before and (cast(:check as uuid) is null or i.check_id = :check)"
					+ (openOnly ? " and i.ended_at is null" : "") + " order by i.id desc limit :limit")
			.bind("before", before)
			.bind("limit", limit);
		spec = (check != null) ? spec.bind("check", check) : spec.bindNull("check", UUID.class);
		return spec.map((row) -> incident(row, now)).all();
	}

	private static Incident incident(Readable row, Instant now) {
		OffsetDateTime ended = row.get("ended_at", OffsetDateTime.class);
		return Incident.of(row.get("id", Long.class), row.get("check_id", UUID.class), row.get("name", String.class),
				row.get("started_at", OffsetDateTime.class).toInstant(), (ended != null) ? ended.toInstant() : null,
				row.get("failures", Integer.class), row.get("cause", String.class), now);
	}

}
