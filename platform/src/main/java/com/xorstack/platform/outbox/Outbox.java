package com.xorstack.platform.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.platform.tracing.TraceContexts;

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

	/**
	 * Also keeps the W3C {@code traceparent} of the current span, so that the relay,
	 * which sends the event later outside this request, continues the same trace.
	 */
	public Mono<UUID> append(String topic, String key, String type, Object data) {
		// the span current where the chain is built, else where it is subscribed to
		String assembled = TraceContexts.currentTraceparent();
		return Mono.defer(() -> insert(topic, key, type, data,
				(assembled != null) ? assembled : TraceContexts.currentTraceparent()));
	}

	private Mono<UUID> insert(String topic, String key, String type, Object data, @Nullable String traceparent) {
		UUID id = UUID.randomUUID();
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into outbox (event_id, topic, event_key, event_type, occurred_at, payload, traceparent)"
					+ " values (:id, :topic, :key, :type, :time, cast(:payload as json), :traceparent)")
			.bind("id", id)
			.bind("topic", topic)
			.bind("key", key)
			.bind("type", type)
			.bind("time", OffsetDateTime.now(ZoneOffset.UTC))
			.bind("payload", this.json.writeValueAsString(data));
		insert = (traceparent != null) ? insert.bind("traceparent", traceparent)
				: insert.bindNull("traceparent", String.class);
		return insert.then().thenReturn(id);
	}

}
