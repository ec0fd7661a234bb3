package com.xorstack.feedback.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import com.xorstack.feedback.submission.Feedback;
import com.xorstack.feedback.submission.FeedbackRepository;
import com.xorstack.platform.web.Cursors;

import static com.xorstack.feedback.submission.FeedbackRepository.COLUMNS;
import static com.xorstack.feedback.submission.FeedbackRepository.utc;

/**
 * SQL of triage over everyone's feedback and the triage history. Filters become bound
 * parameters; only the fixed conditions are put together as text.
 */
@Repository
class TriageRepository {

	private final DatabaseClient db;

	private final FeedbackRepository rows;

	TriageRepository(DatabaseClient db, FeedbackRepository rows) {
		this.db = db;
		this.rows = rows;
	}

	/** Newest first, starting after {@code after}; fetches {@code limit} rows. */
	Flux<Feedback> find(FeedbackFilter filter, Cursors.@Nullable Position after, int limit) {
		List<String> where = new ArrayList<>();
		Map<String, Object> values = new LinkedHashMap<>();
		condition(where, values, "status = :status", "status",
				(filter.status() != null) ? filter.status().value() : null);
		condition(where, values, "category = :category", "category",
				(filter.category() != null) ? filter.category().value() : null);
		condition(where, values, "priority = :priority", "priority",
				(filter.priority() != null) ? filter.priority().value() : null);
		condition(where, values, "search @@ websearch_to_tsquery('english', :query)", "query", filter.query());
		condition(where, values, "created_at >= :from", "from", (filter.from() != null) ? utc(filter.from()) : null);
		condition(where, values, "created_at < :to", "to", (filter.to() != null) ? utc(filter.to()) : null);
		if (after != null) {
			where.add("(created_at, id) < (:afterTime, :afterId)");
			values.put("afterTime", utc(after.time()));
			values.put("afterId", after.id());
		}
		String sql = "select " + COLUMNS + " from user_feedback"
				+ (where.isEmpty() ? "" : " where " + String.join(" and ", where))
				+ " order by created_at desc, id desc limit :limit";
		values.put("limit", limit);
		return this.db.sql(sql).bindValues(values).map(this.rows::toFeedback).all();
	}

	Mono<Feedback> findById(UUID id) {
		return this.db.sql("select " + COLUMNS + " from user_feedback where id = :id")
			.bind("id", id)
			.map(this.rows::toFeedback)
			.one();
	}

	/**
	 * Reads and locks the row until the transaction ends, so that the version check and
	 * the update see the same row.
	 */
	Mono<Feedback> lockById(UUID id) {
		return this.db.sql("select " + COLUMNS + " from user_feedback where id = :id for update")
			.bind("id", id)
			.map(this.rows::toFeedback)
			.one();
	}

	Mono<Void> update(Feedback feedback) {
		return this.db
			.sql("update user_feedback set status = :status, priority = :priority, note = :note,"
					+ " version = :version, updated_at = :updatedAt where id = :id")
			.bind("id", feedback.id())
			.bind("status", feedback.status().value())
			.bind("priority", feedback.priority().value())
			.bind("note", Parameter.fromOrEmpty(feedback.note(), String.class))
			.bind("version", feedback.version())
			.bind("updatedAt", utc(feedback.updatedAt()))
			.then();
	}

	Mono<Void> recordHistory(Triage triage) {
		return this.db
			.sql("insert into feedback_triage (feedback_id, actor, previous_status, status, previous_priority,"
					+ " priority, note_changed, version, triaged_at) values (:feedbackId, :actor, :previousStatus,"
					+ " :status, :previousPriority, :priority, :noteChanged, :version, :triagedAt)")
			.bind("feedbackId", triage.after().id())
			.bind("actor", triage.actor())
			.bind("previousStatus", triage.before().status().value())
			.bind("status", triage.after().status().value())
			.bind("previousPriority", triage.before().priority().value())
			.bind("priority", triage.after().priority().value())
			.bind("noteChanged", triage.noteChanged())
			.bind("version", triage.after().version())
			.bind("triagedAt", utc(triage.at()))
			.then();
	}

	private static void condition(List<String> where, Map<String, Object> values, String sql, String name,
			@Nullable Object value) {
		if (value != null) {
			where.add(sql);
			values.put(name, value);
		}
	}

}
