package com.xorstack.platform.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Appends an event to the outbox table. Call it inside the transaction that makes the
 * change the event tells of, so that both commit or neither does.
 */
public final class Outbox {

	private final DatabaseClient db;

	private final JsonMapper json;

	Outbox(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	public Mono<UUID> append(String topic, String key, String type, Object data) {
		UUID id = UUID.randomUUID();
		return this.db
			.sql("insert into outbox (event_id, topic, event_key, event_type, occurred_at, payload)"
					+ " values (:id, :topic, :key, :type, :time, cast(:payload as json))")
			.bind("id", id)
			.bind("topic", topic)
			.bind("key", key)
			.bind("type", type)
			.bind("time", OffsetDateTime.now(ZoneOffset.UTC))
			.bind("payload", this.json.writeValueAsString(data))
			.then()
			.thenReturn(id);
	}

}
