package com.xorstack.auth.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The monthly partitions of {@code audit_log} (migration V4): creates them ahead, lists
 * them oldest first, reads the end of one and drops it. Partition names come from
 * {@code audit_log_ensure_partition} in the database, never from user input; that
 * function and {@code audit_log_drop_partition} run as the tables' owner.
 */
@Repository
class AuditPartitions {

	private static final Pattern NAME = Pattern.compile("audit_log_y(\\d{4})m(\\d{2})");

	private static final DateTimeFormatter NAME_FORMAT = DateTimeFormatter.ofPattern("'audit_log_y'yyyy'm'MM");

	private final DatabaseClient db;

	AuditPartitions(DatabaseClient db) {
		this.db = db;
	}

	static YearMonth monthOf(Instant time) {
		return YearMonth.from(time.atOffset(ZoneOffset.UTC));
	}

	static String nameOf(YearMonth month) {
		return NAME_FORMAT.format(month.atDay(1));
	}

	/** The month of a partition name, or null for a name that is not one of ours. */
	static @Nullable YearMonth monthOf(String partitionName) {
		Matcher matcher = NAME.matcher(partitionName);
		return matcher.matches() ? YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)))
				: null;
	}

	/**
	 * Creates the partition that holds {@code time} unless it exists; when it does
	 * (nearly always) this is one catalog lookup, cheap enough for every append.
	 */
	Mono<Void> ensureFor(Instant time) {
		return ensure(monthOf(time));
	}

	Mono<Void> ensure(YearMonth month) {
		LocalDate first = month.atDay(1);
		return this.db.sql("select audit_log_ensure_partition(:first)").bind("first", first).then();
	}

	/** Every partition of ours, oldest first. */
	Flux<YearMonth> oldestFirst() {
		return this.db
			.sql("select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid"
					+ " where i.inhparent = 'audit_log'::regclass")
			.map((row) -> row.get("name", String.class))
			.all()
			.mapNotNull(AuditPartitions::monthOf)
			.sort();
	}

	Mono<Long> count(YearMonth month) {
		return this.db.sql("select count(*) as n from " + nameOf(month)).map((row) -> row.get("n", Long.class)).one();
	}

	/** The seq and hash of the newest row of one month, empty when it has none. */
	Mono<ChainEnd> last(YearMonth month) {
		return this.db.sql("select seq, hash from " + nameOf(month) + " order by seq desc limit 1")
			.map((row) -> new ChainEnd(row.get("seq", Long.class), row.get("hash", String.class)))
			.one();
	}

	/**
	 * Call inside the transaction that also writes the anchor, after it: the service does
	 * not own the table, and the function that drops it for the service checks that the
	 * anchor is there (migration V7).
	 */
	Mono<Void> drop(YearMonth month) {
		return this.db.sql("select audit_log_drop_partition(:first)").bind("first", month.atDay(1)).then();
	}

	record ChainEnd(long seq, String hash) {
	}

}
