package com.xorstack.ailog.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The daily partitions of {@code ai_logs}, one per UTC day, named
 * {@code ai_logs_pYYYYMMDD}. Ingest asks for the days of a batch before inserting it, so
 * that a late event lands in its own day and never in the default partition (a row there
 * would stop that day's partition from being created).
 */
@Component
public class Partitions {

	private static final Logger log = LoggerFactory.getLogger(Partitions.class);

	static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final DatabaseClient db;

	private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

	Partitions(DatabaseClient db) {
		this.db = db;
	}

	public static String name(LocalDate day) {
		return "ai_logs_p" + day.format(SUFFIX);
	}

	static LocalDate dayOf(Instant time) {
		return time.atOffset(ZoneOffset.UTC).toLocalDate();
	}

	/** Makes sure the partitions of these times exist. */
	public Mono<Void> ensureFor(Collection<Instant> times) {
		Set<LocalDate> missing = new TreeSet<>();
		for (Instant time : times) {
			LocalDate day = dayOf(time);
			if (!this.known.contains(day)) {
				missing.add(day);
			}
		}
		return Flux.fromIterable(missing).concatMap(this::create).then();
	}

	/**
	 * Creates the partition of a day unless it exists, through a function that runs as
	 * the table's owner (migration V3): the service's role may not create tables.
	 */
	public Mono<Void> create(LocalDate day) {
		return this.db.sql("select ai_logs_create_partition(:day)")
			.bind("day", day)
			.then()
			// two instances racing for the same new day: the loser's error says it exists
			.onErrorResume((ex) -> exists(day).flatMap((exists) -> exists ? Mono.empty() : Mono.error(ex)))
			.doOnSuccess((ignored) -> this.known.add(day));
	}

	private Mono<Boolean> exists(LocalDate day) {
		return this.db.sql("select to_regclass(:name) is not null as present")
			.bind("name", name(day))
			.map((row) -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
			.one();
	}

	/** The days that have a partition, oldest first. */
	public Flux<LocalDate> days() {
		return this.db.sql("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
				+ " join pg_class p on p.oid = i.inhparent where p.relname = 'ai_logs' and c.relname like 'ai_logs_p%'"
				+ " order by c.relname")
			.map((row) -> row.get(0, String.class))
			.all()
			.map((name) -> LocalDate.parse(name.substring("ai_logs_p".length()), SUFFIX));
	}

	/** Forgets a dropped partition, so that ingest would create it again. */
	void forget(LocalDate day) {
		this.known.remove(day);
	}

	/** Creates today's partition, yesterday's and the next {@code ahead} days'. */
	Mono<Void> createAround(LocalDate today, int ahead) {
		List<LocalDate> days = today.minusDays(1).datesUntil(today.plusDays(ahead + 1L)).toList();
		return Flux.fromIterable(days)
			.concatMap(this::create)
			.then()
			.doOnSuccess(
					(ignored) -> log.debug("Partitions exist from {} to {}", days.get(0), days.get(days.size() - 1)));
	}

}
