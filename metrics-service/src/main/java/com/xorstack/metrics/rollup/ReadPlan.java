package com.xorstack.metrics.rollup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Which buckets answer a window {@code [from, to)}: whole UTC days from the daily
 * rollups, the whole hours around them from the hourly ones, and minute buckets only for
 * the partial hours at either edge. A 30-day window is then at most 29 days, 46 hours and
 * 118 minutes per series. A leading edge older than the minute retention is widened to
 * its whole hour (the minutes are gone), which can count up to 59 minutes more than
 * asked; of the dashboard's windows only 30d reaches that far back, where it is noise.
 */
record ReadPlan(List<Segment> segments) {

	/** Buckets {@code b} of one table with {@code from <= b < to}. */
	record Segment(Granularity granularity, Instant from, Instant to) {
	}

	static ReadPlan of(Instant from, Instant to, Instant minuteHorizon) {
		Instant start = from.truncatedTo(ChronoUnit.MINUTES);
		List<Segment> segments = new ArrayList<>(5);
		if (!start.isBefore(to)) {
			return new ReadPlan(segments);
		}
		Instant firstHour = ceil(start, ChronoUnit.HOURS);
		Instant lastHour = to.truncatedTo(ChronoUnit.HOURS);
		boolean minutesGone = start.isBefore(minuteHorizon);
		if (!firstHour.isBefore(lastHour)) {
			// No whole hour inside: minutes only, or the hours around it when minutes are
			// gone.
			segments.add(minutesGone ? new Segment(Granularity.HOUR, start.truncatedTo(ChronoUnit.HOURS), to)
					: new Segment(Granularity.MINUTE, start, to));
			return new ReadPlan(segments);
		}
		Instant hoursFrom = firstHour;
		if (start.isBefore(firstHour)) {
			if (minutesGone) {
				hoursFrom = start.truncatedTo(ChronoUnit.HOURS);
			}
			else {
				segments.add(new Segment(Granularity.MINUTE, start, firstHour));
			}
		}
		wholeHours(hoursFrom, lastHour, segments);
		if (lastHour.isBefore(to)) {
			segments.add(new Segment(Granularity.MINUTE, lastHour, to));
		}
		return new ReadPlan(segments);
	}

	private static void wholeHours(Instant from, Instant to, List<Segment> segments) {
		Instant firstDay = ceil(from, ChronoUnit.DAYS);
		Instant lastDay = to.truncatedTo(ChronoUnit.DAYS);
		if (!firstDay.isBefore(lastDay)) {
			segments.add(new Segment(Granularity.HOUR, from, to));
			return;
		}
		if (from.isBefore(firstDay)) {
			segments.add(new Segment(Granularity.HOUR, from, firstDay));
		}
		segments.add(new Segment(Granularity.DAY, firstDay, lastDay));
		if (lastDay.isBefore(to)) {
			segments.add(new Segment(Granularity.HOUR, lastDay, to));
		}
	}

	private static Instant ceil(Instant at, ChronoUnit unit) {
		Instant floor = at.truncatedTo(unit);
		return floor.equals(at) ? floor : floor.plus(1, unit);
	}

}
