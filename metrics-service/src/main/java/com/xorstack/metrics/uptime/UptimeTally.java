package com.xorstack.metrics.uptime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Sums of one check or of all: runs and passes per period, incidents, time up. */
final class UptimeTally {

	private static final int[] PERIODS = { 7, 30, 90 };

	private final long[] runs = new long[4];

	private final long[] up = new long[4];

	private int incidents;

	private int open;

	private int ended;

	private long endedSeconds;

	private long upSeconds;

	void add(UptimeReport.Recent last24h, Map<LocalDate, int[]> days, LocalDate today, List<Incident> own, Instant from,
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

	void add(UptimeTally other) {
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

	UptimeReport.Figures figures() {
		Map<String, @Nullable Double> uptime = new LinkedHashMap<>();
		String[] names = { "24h", "7d", "30d", "90d" };
		for (int i = 0; i < 4; i++) {
			uptime.put(names[i], UptimeReport.percent(this.up[i], this.runs[i]));
		}
		Long mttr = (this.ended == 0) ? null : Math.round((double) this.endedSeconds / this.ended);
		Long mtbf = (this.incidents == 0) ? null : Math.round((double) this.upSeconds / this.incidents);
		return new UptimeReport.Figures(uptime, this.incidents, this.open, mttr, mtbf);
	}

}
