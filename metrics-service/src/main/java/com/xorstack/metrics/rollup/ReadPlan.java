package com.xorstack.metrics.rollup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Which buckets answer a window {@code [from, to)}: whole hours from the hourly rollups,
 * and minute buckets only for the partial hours at either edge. A leading edge older than
 * the minute retention is widened to its whole hour (the minutes are gone), which can
 * count up to 59 minutes more than asked; windows of the dashboard never reach that far
 * back except 30d, where it is noise.
 */
record ReadPlan(List<Segment> segments) {

	/** Buckets {@code b} of one table with {@code from <= b < to}. */
	record Segment(Granularity granularity, Instant from, Instant to) {
	}

	static ReadPlan of(Instant from, Instant to, Instant minuteHorizon) {
		Instant start = from.truncatedTo(ChronoUnit.MINUTES);
		List<Segment> segments = new ArrayList<>(3);
		if (!start.isBefore(to)) {
			return new ReadPlan(segments);
		}
		Instant firstHour = ceilHour(start);
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
		segments.add(new Segment(Granularity.HOUR, hoursFrom, lastHour));
		if (lastHour.isBefore(to)) {
			segments.add(new Segment(Granularity.MINUTE, lastHour, to));
		}
		return new ReadPlan(segments);
	}

	private static Instant ceilHour(Instant at) {
		Instant floor = at.truncatedTo(ChronoUnit.HOURS);
		return floor.equals(at) ? floor : floor.plus(1, ChronoUnit.HOURS);
	}

}
