package com.xorstack.metrics.uptime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import static com.xorstack.metrics.uptime.UptimeCheckRepository.at;

/**
 * Stores one result with what follows from it, in one transaction that locks the check's
 * row: the result row, the day's counts, the check's state, and its incidents. The
 * {@code failuresBeforeDown}-th failure in a row opens an incident that started at the
 * first of them; the next success ends it, at that success.
 */
@Component
class UptimeResults {

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	UptimeResults(DatabaseClient db, TransactionalOperator transactions) {
		this.db = db;
		this.transactions = transactions;
	}

	Mono<Void> record(UUID check, Instant at, Outcome outcome) {
		return this.transactions.transactional(lock(check).flatMap((state) -> write(state, at, outcome)));
	}

	private Mono<State> lock(UUID check) {
		return this.db
			.sql("select no, failures_before_down, consecutive_failures, failing_since, open_incident"
					+ " from uptime_checks where id = :id for update")
			.bind("id", check)
			.map((row) -> {
				OffsetDateTime since = row.get("failing_since", OffsetDateTime.class);
				return new State(check, row.get("no", Integer.class), row.get("failures_before_down", Integer.class),
						row.get("consecutive_failures", Integer.class), (since != null) ? since.toInstant() : null,
						row.get("open_incident", Long.class));
			})
			.one();
	}

	private Mono<Void> write(State state, Instant at, Outcome outcome) {
		Mono<Void> result = bindError(this.db.sql("with result as (insert into uptime_results (check_no, at,"
				+ " response_ms, error) values (:no, :at, :ms, :error) on conflict do nothing returning check_no)"
				+ " insert into uptime_daily (check_no, day, runs, up, response_ms_sum)"
				+ " select check_no, :day, 1, :up, :ms from result on conflict (check_no, day) do update"
				+ " set runs = uptime_daily.runs + 1, up = uptime_daily.up + excluded.up,"
				+ " response_ms_sum = uptime_daily.response_ms_sum + excluded.response_ms_sum"), outcome.error())
			.bind("no", state.no())
			.bind("at", at(at))
			.bind("ms", outcome.responseMs())
			.bind("day", at.atOffset(ZoneOffset.UTC).toLocalDate())
			.bind("up", outcome.isUp() ? 1 : 0)
			.then();
		return result.then(outcome.isUp() ? recovered(state, at, outcome) : failed(state, at, outcome));
	}

	private Mono<Void> recovered(State state, Instant at, Outcome outcome) {
		Mono<Void> end = (state.openIncident() == null) ? Mono.empty()
				: this.db.sql("update uptime_incidents set ended_at = :at where id = :id")
					.bind("at", at(at))
					.bind("id", state.openIncident())
					.then();
		return end.then(saveState(state.check(), at, outcome, 0, null, null));
	}

	private Mono<Void> failed(State state, Instant at, Outcome outcome) {
		int failures = state.failures() + 1;
		Instant since = (state.failingSince() != null && failures > 1) ? state.failingSince() : at;
		if (state.openIncident() != null) {
			return this.db.sql("update uptime_incidents set failures = failures + 1 where id = :id")
				.bind("id", state.openIncident())
				.then()
				.then(saveState(state.check(), at, outcome, failures, since, state.openIncident()));
		}
		if (failures < state.failuresBeforeDown()) {
			return saveState(state.check(), at, outcome, failures, since, null);
		}
		return this.db
			.sql("insert into uptime_incidents (check_id, started_at, failures, cause) values (:check, :since,"
					+ " :failures, :cause) returning id")
			.bind("check", state.check())
			.bind("since", at(since))
			.bind("failures", failures)
			.bind("cause", String.valueOf(outcome.error()))
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap((incident) -> saveState(state.check(), at, outcome, failures, since, incident));
	}

	private Mono<Void> saveState(UUID check, Instant at, Outcome outcome, int failures, @Nullable Instant since,
			@Nullable Long incident) {
		DatabaseClient.GenericExecuteSpec spec = bindError(this.db.sql("update uptime_checks set last_at = :at,"
				+ " last_up = :up, last_response_ms = :ms, last_error = :error, consecutive_failures = :failures,"
				+ " failing_since = :since, open_incident = :incident where id = :id"), outcome.error())
			.bind("at", at(at))
			.bind("up", outcome.isUp())
			.bind("ms", outcome.responseMs())
			.bind("failures", failures)
			.bind("id", check);
		spec = (since != null) ? spec.bind("since", at(since)) : spec.bindNull("since", OffsetDateTime.class);
		spec = (incident != null) ? spec.bind("incident", incident) : spec.bindNull("incident", Long.class);
		return spec.then();
	}

	private static DatabaseClient.GenericExecuteSpec bindError(DatabaseClient.GenericExecuteSpec spec,
			@Nullable String error) {
		return (error != null) ? spec.bind("error", error) : spec.bindNull("error", String.class);
	}

	private record State(UUID check, int no, int failuresBeforeDown, int failures, @Nullable Instant failingSince,
			@Nullable Long openIncident) {
	}

}
