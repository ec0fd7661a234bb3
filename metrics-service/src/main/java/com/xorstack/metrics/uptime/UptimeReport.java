package com.xorstack.metrics.uptime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
		Tally overall = new Tally();
		int down = 0;
		for (UptimeCheck check : checks) {
			Recent last24h = recent.getOrDefault(check.no(), Recent.NONE);
			Map<LocalDate, int[]> days = daily.getOrDefault(check.no(), Map.of());
			List<Incident> own = incidents.stream()
				.filter((incident) -> incident.checkId().equals(check.id()))
				.toList();
			Instant observedFrom = check.createdAt().isAfter(from) ? check.createdAt() : from;
			Tally tally = new Tally();
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

	/** Sums of one check or of all: runs and passes per period, incidents, time up. */
	static final class Tally {

		private static final int[] PERIODS = { 7, 30, 90 };

		private final long[] runs = new long[4];

		private final long[] up = new long[4];

		private int incidents;

		private int open;

		private int ended;

		private long endedSeconds;

		private long upSeconds;

		void add(Recent last24h, Map<LocalDate, int[]> days, LocalDate today, List<Incident> own, Instant from,
				Instant now) {
			this.runs[0] += last24h.runs();
			this.up[0] += last24h.up();
			for (int p = 0; p < PERIODS.length; p++) {
				for (int i = 0; i < PERIODS[p]; i++) {
					int[] counts = days.get(today.minusDays(i));
					if (counts != null) {
						this.runs[p + 1] += counts[0];
						this.up[p + 1] += counts[1];
					}
				}
			}
			long down = 0;
			for (Incident incident : own) {
				down += incident.downSecondsWithin(from, now);
				if (!incident.startedAt().isBefore(from)) {
					this.incidents++;
				}
				if (incident.open()) {
					this.open++;
				}
				else if (!incident.startedAt().isBefore(from)) {
					this.ended++;
					this.endedSeconds += incident.durationSeconds();
				}
			}
			this.upSeconds += Math.max(0, Duration.between(from, now).toSeconds() - down);
		}

		void add(Tally other) {
			for (int i = 0; i < 4; i++) {
				this.runs[i] += other.runs[i];
				this.up[i] += other.up[i];
			}
			this.incidents += other.incidents;
			this.open += other.open;
			this.ended += other.ended;
			this.endedSeconds += other.endedSeconds;
			this.upSeconds += other.upSeconds;
		}

		Figures figures() {
			Map<String, @Nullable Double> uptime = new LinkedHashMap<>();
			String[] names = { "24h", "7d", "30d", "90d" };
			for (int i = 0; i < 4; i++) {
				uptime.put(names[i], percent(this.up[i], this.runs[i]));
			}
			Long mttr = (this.ended == 0) ? null : Math.round((double) this.endedSeconds / this.ended);
			Long mtbf = (this.incidents == 0) ? null : Math.round((double) this.upSeconds / this.incidents);
			return new Figures(uptime, this.incidents, this.open, mttr, mtbf);
		}

	}

}
