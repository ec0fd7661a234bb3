package com.xorstack.feedback.submission;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import com.xorstack.platform.web.Cursors;

/**
 * SQL over {@code user_feedback}. Every value is bound, never concatenated, so input such
 * as {@code ' OR 1=1 --} is stored as the text it is.
 */
@Repository
public class FeedbackRepository {

	public static final String COLUMNS = "id, user_id, category, message, page_url, trace_id, ai_log_id, rating, metadata,"
			+ " status, priority, note, version, created_at, updated_at";

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final JsonMapper json;

	FeedbackRepository(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Mono<Void> insert(Feedback feedback) {
		return this.db
			.sql("insert into user_feedback (" + COLUMNS + ") values (:id, :userId, :category, :message, :pageUrl,"
					+ " :traceId, :aiLogId, :rating, :metadata, :status, :priority, :note, :version, :createdAt,"
					+ " :updatedAt)")
			.bind("id", feedback.id())
			.bind("userId", feedback.userId())
			.bind("category", feedback.category().value())
			.bind("message", feedback.message())
			.bind("pageUrl", Parameter.fromOrEmpty(feedback.pageUrl(), String.class))
			.bind("traceId", Parameter.fromOrEmpty(feedback.traceId(), String.class))
			.bind("aiLogId", Parameter.fromOrEmpty(feedback.aiLogId(), UUID.class))
			.bind("rating",
					Parameter.fromOrEmpty((feedback.rating() != null) ? feedback.rating().shortValue() : null,
							Short.class))
			.bind("metadata", Json.of(this.json.writeValueAsBytes(feedback.metadata())))
			.bind("status", feedback.status().value())
			.bind("priority", feedback.priority().value())
			.bind("note", Parameter.fromOrEmpty(feedback.note(), String.class))
			.bind("version", feedback.version())
			.bind("createdAt", utc(feedback.createdAt()))
			.bind("updatedAt", utc(feedback.updatedAt()))
			.then();
	}

	Mono<Feedback> findOwned(UUID id, String userId) {
		return this.db.sql("select " + COLUMNS + " from user_feedback where id = :id and user_id = :userId")
			.bind("id", id)
			.bind("userId", userId)
			.map(this::toFeedback)
			.one();
	}

	/** Newest first, starting after {@code after}; fetches {@code limit} rows. */
	Flux<Feedback> findByOwner(String userId, Cursors.@Nullable Position after, int limit) {
		String keyset = (after != null) ? " and (created_at, id) < (:afterTime, :afterId)" : "";
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("select " + COLUMNS + " from user_feedback where user_id = :userId" + keyset
					+ " order by created_at desc, id desc limit :limit")
			.bind("userId", userId)
			.bind("limit", limit);
		if (after != null) {
			spec = spec.bind("afterTime", utc(after.time())).bind("afterId", after.id());
		}
		return spec.map(this::toFeedback).all();
	}

	public Feedback toFeedback(Readable row) {
		Json metadata = row.get("metadata", Json.class);
		Short rating = row.get("rating", Short.class);
		return new Feedback(row.get("id", UUID.class), row.get("user_id", String.class),
				Category.of(row.get("category", String.class)), row.get("message", String.class),
				row.get("page_url", String.class), row.get("trace_id", String.class), row.get("ai_log_id", UUID.class),
				(rating != null) ? rating.intValue() : null,
				(metadata != null) ? this.json.readValue(metadata.asArray(), STRING_MAP) : Map.of(),
				Status.of(row.get("status", String.class)), Priority.of(row.get("priority", String.class)),
				row.get("note", String.class), row.get("version", Long.class),
				row.get("created_at", OffsetDateTime.class).toInstant(),
				row.get("updated_at", OffsetDateTime.class).toInstant());
	}

	public static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
