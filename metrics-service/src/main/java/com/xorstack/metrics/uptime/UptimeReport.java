package com.xorstack.metrics.uptime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import static com.xorstack.metrics.uptime.UptimeCheckRepository.at;

/**
 * The figures of docs/UPTIME.md, per check and overall, as of {@code now}: uptime % (the
 * share of runs that passed) over the last 24 hours from the results, over the last 7, 30
 * and 90 UTC days (today included) from the daily counts; p50/p95 of the passing runs'
 * response times over 24 hours; over the last 90 days the incidents, MTTR (the mean
 * duration of the incidents that ended) and MTBF (the time up between incidents: time
 * observed, since the check was made or 90 days ago, less the time down, divided by the
 * incidents); and one bar per day of 90.
 */
@Component
class UptimeReport {

	static final int DAYS = 90;

	private final DatabaseClient db;

	private final UptimeCheckRepository checks;

	private final IncidentRepository incidents;

	UptimeReport(DatabaseClient db, UptimeCheckRepository checks, IncidentRepository incidents) {
		this.db = db;
		this.checks = checks;
		this.incidents = incidents;
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Figures(Map<String, @Nullable Double> uptimePercent, int incidents, int openIncidents,
			@Nullable Long mttrSeconds, @Nullable Long mtbfSeconds) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CheckReport(UUID id, String name, String type, UptimeCheck.Status status, Figures figures,
			@Nullable Double p50Ms, @Nullable Double p95Ms, List<Day> days) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Day(LocalDate day, int runs, @Nullable Double uptimePercent) {
	}

	record Report(Instant at, Figures overall, int checks, int down, List<CheckReport> items) {
	}

	Mono<Report> of(Instant now) {
		Instant from = now.minus(Duration.ofDays(DAYS));
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		return Mono
			.zip(this.checks.findAll().collectList(), recent(now), daily(today.minusDays(DAYS - 1)),
					this.incidents.overlapping(from, now).collectList())
			.map((all) -> build(all.getT1(), all.getT2(), all.getT3(), all.getT4(), now, today));
	}

	private Report build(List<UptimeCheck> checks, Map<Integer, Recent> recent,
			Map<Integer, Map<LocalDate, int[]>> daily, List<Incident> incidents, Instant now, LocalDate today) {
		Instant from = now.minus(Duration.ofDays(DAYS));
		List<CheckReport> items = new ArrayList<>();
		UptimeTally overall = new UptimeTally();
		int down = 0;
		for (UptimeCheck check : checks) {
			Recent last24h = recent.getOrDefault(check.no(), Recent.NONE);
			Map<LocalDate, int[]> days = daily.getOrDefault(check.no(), Map.of());
			List<Incident> own = incidents.stream()
				.filter((incident) -> incident.checkId().equals(check.id()))
				.toList();
			Instant observedFrom = check.createdAt().isAfter(from) ? check.createdAt() : from;
			UptimeTally tally = new UptimeTally();
			tally.add(last24h, days, today, own, observedFrom, now);
			overall.add(tally);
			items.add(new CheckReport(check.id(), check.name(), check.type(), check.status(), tally.figures(),
					last24h.p50(), last24h.p95(), bars(days, today)));
			down += UptimeCheck.DOWN.equals(check.status().state()) ? 1 : 0;
		}
		return new Report(now, overall.figures(), checks.size(), down, items);
	}

	private static List<Day> bars(Map<LocalDate, int[]> days, LocalDate today) {
		List<Day> bars = new ArrayList<>(DAYS);
		for (int i = DAYS - 1; i >= 0; i--) {
			LocalDate day = today.minusDays(i);
			int[] counts = days.get(day);
			bars.add((counts == null) ? new Day(day, 0, null) : new Day(day, counts[0], percent(counts[1], counts[0])));
		}
		return bars;
	}

	static @Nullable Double percent(long up, long runs) {
		return (runs == 0) ? null : 100.0 * up / runs;
	}

	private Mono<Map<Integer, Recent>> recent(Instant now) {
		return this.db
			.sql("select check_no, count(*) as runs, count(*) filter (where error is null) as up,"
					+ " percentile_cont(0.5) within group (order by response_ms) filter (where error is null) as p50,"
					+ " percentile_cont(0.95) within group (order by response_ms) filter (where error is null) as p95"
					+ " from uptime_results where at > :from and at <= :now group by check_no")
			.bind("from", at(now.minus(Duration.ofHours(24))))
			.bind("now", at(now))
			.map((row) -> Map.entry(row.get("check_no", Integer.class),
					new Recent(row.get("runs", Long.class), row.get("up", Long.class), row.get("p50", Double.class),
							row.get("p95", Double.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<Map<Integer, Map<LocalDate, int[]>>> daily(LocalDate from) {
		return this.db.sql("select check_no, day, runs, up from uptime_daily where day >= :from")
			.bind("from", from)
			.map((row) -> new Object[] { row.get("check_no", Integer.class), row.get("day", LocalDate.class),
					new int[] { row.get("runs", Integer.class), row.get("up", Integer.class) } })
			.all()
			.collectList()
			.map((rows) -> {
				Map<Integer, Map<LocalDate, int[]>> byCheck = new HashMap<>();
				rows.forEach((row) -> byCheck.computeIfAbsent((Integer) row[0], (no) -> new HashMap<>())
					.put((LocalDate) row[1], (int[]) row[2]));
				return byCheck;
			});
	}

	record Recent(long runs, long up, @Nullable Double p50, @Nullable Double p95) {

		static final Recent NONE = new Recent(0, 0, null, null);

	}

}
