package com.xorstack.metrics.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A rollup table: its bucket width and the span of one partition (a day of minutes, a
 * month of hours or days). Days are there so that a long window reads a few dozen rows
 * per series instead of hundreds.
 */
enum Granularity {

	MINUTE("rollup_minute", Duration.ofMinutes(1)), HOUR("rollup_hour", Duration.ofHours(1)),
	DAY("rollup_day", Duration.ofDays(1));

	private final String table;

	private final Duration width;

	Granularity(String table, Duration width) {
		this.table = table;
		this.width = width;
	}

	String table() {
		return this.table;
	}

	Duration width() {
		return this.width;
	}

	Instant bucket(Instant at) {
		return at.truncatedTo(switch (this) {
			case MINUTE -> ChronoUnit.MINUTES;
			case HOUR -> ChronoUnit.HOURS;
			case DAY -> ChronoUnit.DAYS;
		});
	}

	Instant partitionStart(Instant at) {
		LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
		LocalDate start = (this == MINUTE) ? day : day.withDayOfMonth(1);
		return start.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	Instant partitionEnd(Instant partitionStart) {
		LocalDate start = LocalDate.ofInstant(partitionStart, ZoneOffset.UTC);
		LocalDate end = (this == MINUTE) ? start.plusDays(1) : start.plusMonths(1);
		return end.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	String partitionName(Instant partitionStart) {
		LocalDate start = LocalDate.ofInstant(partitionStart, ZoneOffset.UTC);
		String suffix = (this == MINUTE)
				? String.format("%04d%02d%02d", start.getYear(), start.getMonthValue(), start.getDayOfMonth())
				: String.format("%04d%02d", start.getYear(), start.getMonthValue());
		return this.table + "_p" + suffix;
	}

}
