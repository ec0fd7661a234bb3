package com.xorstack.metrics.uptime;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The checks table: definitions, the run schedule and the state after the last result.
 * {@link #claimDue} is how replicas share the work: one statement moves each due check's
 * {@code next_run_at} on by its interval, rows locked by another replica's claim skipped,
 * so a check runs once per interval whatever the number of replicas.
 */
@Repository
class UptimeCheckRepository {

	static final String BUILTIN = "builtin";

	private static final String COLUMNS = "id, no, name, kind, spec::text as spec, timeout_ms, interval_seconds,"
			+ " failures_before_down, version, created_by, created_at, updated_at, last_at, last_up, last_response_ms,"
			+ " last_error, consecutive_failures, failing_since, open_incident";

	private final DatabaseClient db;

	private final JsonMapper json;

	UptimeCheckRepository(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Flux<UptimeCheck> findAll() {
		return this.db.sql("select " + COLUMNS + " from uptime_checks order by name").map(this::check).all();
	}

	Mono<UptimeCheck> find(UUID id) {
		return this.db.sql("select " + COLUMNS + " from uptime_checks where id = :id")
			.bind("id", id)
			.map(this::check)
			.one();
	}

	Mono<Boolean> nameTaken(String name, UUID except) {
		return this.db.sql("select count(*) as n from uptime_checks where name = :name and id <> :id")
			.bind("name", name)
			.bind("id", except)
			.map((row) -> row.get("n", Long.class) > 0)
			.one();
	}

	/** A new check is due at once. */
	Mono<UptimeCheck> insert(CheckSpec spec, String by, Instant now) {
		UUID id = UUID.randomUUID();
		return bindAll(this.db.sql("insert into uptime_checks (id, name, kind, spec, timeout_ms, interval_seconds,"
				+ " failures_before_down, created_by, created_at, updated_at, next_run_at) values (:id, :name, :kind,"
				+ " cast(:spec as jsonb), :timeout, :interval, :failures, :by, :now, :now, :now)"), spec)
			.bind("id", id)
			.bind("by", by)
			.bind("now", at(now))
			.then()
			.then(find(id));
	}

	/** Replaces an admin's check, at {@code version} when it is not negative. */
	Mono<Long> update(UUID id, CheckSpec spec, int version, Instant now) {
		return bindAll(this.db.sql("update uptime_checks set name = :name, kind = :kind, spec = cast(:spec as jsonb),"
				+ " timeout_ms = :timeout, interval_seconds = :interval, failures_before_down = :failures,"
				+ " version = version + 1, updated_at = :now, next_run_at = least(next_run_at, :now)"
				+ " where id = :id and kind <> 'builtin' and (:version < 0 or version = :version)"), spec)
			.bind("id", id)
			.bind("version", version)
			.bind("now", at(now))
			.fetch()
			.rowsUpdated();
	}

	/** Deletes an admin's check with its incidents; built-in checks are configuration. */
	Mono<Long> delete(UUID id) {
		return this.db.sql("delete from uptime_checks where id = :id and kind <> 'builtin'")
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Makes the configured built-in checks exist (a name an admin's check holds already
	 * is left to it) and deletes built-in checks no longer configured.
	 */
	Mono<Void> syncBuiltins(Collection<CheckSpec> builtins, Instant now) {
		Flux<Long> upserts = Flux.fromIterable(builtins)
			.concatMap((spec) -> bindAll(this.db.sql("insert into uptime_checks (id, name, kind, spec, timeout_ms,"
					+ " interval_seconds, failures_before_down, created_by, created_at, updated_at, next_run_at)"
					+ " values (:id, :name, :kind, cast(:spec as jsonb), :timeout, :interval, :failures, 'system', :now,"
					+ " :now, :now) on conflict (name) do update set spec = excluded.spec, timeout_ms = excluded.timeout_ms,"
					+ " interval_seconds = excluded.interval_seconds,"
					+ " failures_before_down = excluded.failures_before_down where uptime_checks.kind = 'builtin'"
					+ " and (uptime_checks.spec, uptime_checks.timeout_ms, uptime_checks.interval_seconds,"
					+ " uptime_checks.failures_before_down) is distinct from (excluded.spec, excluded.timeout_ms,"
					+ " excluded.interval_seconds, excluded.failures_before_down)"), spec)
				.bind("id", UUID.randomUUID())
				.bind("now", at(now))
				.fetch()
				.rowsUpdated());
		String[] names = builtins.stream().map(CheckSpec::name).toArray(String[]::new);
		return upserts.then(this.db.sql("delete from uptime_checks where kind = 'builtin' and name <> all(:names)")
			.bind("names", names)
			.then());
	}

	/**
	 * Claims up to {@code batch} checks due at {@code now}: their next run moves one
	 * interval on (from the planned run, so the schedule does not drift with the tick;
	 * from {@code now} when it fell behind).
	 */
	Flux<UptimeCheck> claimDue(Instant now, int batch) {
		return this.db
			.sql("update uptime_checks c set next_run_at = case when c.next_run_at + make_interval(secs =>"
					+ " c.interval_seconds) > :now then c.next_run_at + make_interval(secs => c.interval_seconds)"
					+ " else :now + make_interval(secs => c.interval_seconds) end"
					+ " where id in (select id from uptime_checks where next_run_at <= :now order by next_run_at"
					+ " limit :batch for update skip locked) returning " + COLUMNS)
			.bind("now", at(now))
			.bind("batch", batch)
			.map(this::check)
			.all();
	}

	private DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, CheckSpec check) {
		return spec.bind("name", check.name())
			.bind("kind", check.type())
			.bind("spec", this.json.writeValueAsString(check.target()))
			.bind("timeout", (int) check.timeout().toMillis())
			.bind("interval", (int) check.interval().toSeconds())
			.bind("failures", check.failuresBeforeDown());
	}

	private UptimeCheck check(Readable row) {
		CheckSpec.Target target = this.json.readValue(row.get("spec", String.class), CheckSpec.Target.class);
		boolean builtin = BUILTIN.equals(row.get("kind", String.class));
		return new UptimeCheck(row.get("id", UUID.class), row.get("no", Integer.class), row.get("name", String.class),
				row.get("kind", String.class), builtin ? null : target.url(), builtin ? null : target.method(),
				target.expectedStatus(), target.bodyContains(), builtin ? null : target.host(),
				builtin ? null : target.port(), target.builtin(),
				Duration.ofMillis(row.get("timeout_ms", Integer.class)).toString(),
				Duration.ofSeconds(row.get("interval_seconds", Integer.class)).toString(),
				row.get("failures_before_down", Integer.class), row.get("version", Integer.class),
				row.get("created_by", String.class), instant(row, "created_at"), instant(row, "updated_at"),
				status(row));
	}

	/** The target as stored, built-in ones included: what a run needs. */
	CheckSpec.Target target(UptimeCheck check) {
		return new CheckSpec.Target(check.url(), check.method(), check.expectedStatus(), check.bodyContains(),
				check.host(), check.port(), check.builtin());
	}

	private static UptimeCheck.Status status(Readable row) {
		Instant last = instantOrNull(row, "last_at");
		Long incident = row.get("open_incident", Long.class);
		String state = (last == null) ? UptimeCheck.UNKNOWN : (incident != null) ? UptimeCheck.DOWN
				: Boolean.TRUE.equals(row.get("last_up", Boolean.class)) ? UptimeCheck.UP : UptimeCheck.FAILING;
		Instant since = UptimeCheck.UP.equals(state) ? null : instantOrNull(row, "failing_since");
		return new UptimeCheck.Status(state, since, last, row.get("last_response_ms", Integer.class),
				row.get("last_error", String.class), incident);
	}

	private static Instant instant(Readable row, String column) {
		return row.get(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant instantOrNull(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
