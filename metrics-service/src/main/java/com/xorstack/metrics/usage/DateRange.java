package com.xorstack.metrics.usage;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import org.jspecify.annotations.Nullable;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * The UTC days of an analytics question: {@code from} and {@code to} are ISO dates, both
 * included, by default the last 30 days, at most 366 days; bad values are a 400 naming
 * the parameter.
 */
record DateRange(LocalDate from, LocalDate to) {

	static final long MAX_DAYS = 366;

	static DateRange parse(@Nullable String from, @Nullable String to, Clock clock) {
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		LocalDate end = (to != null) ? date("to", to) : today;
		LocalDate start = (from != null) ? date("from", from) : end.minusDays(29);
		if (start.isAfter(end)) {
			throw new InvalidParameterException("from", "must not be after to");
		}
		if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
			throw new InvalidParameterException("from", "must be at most " + MAX_DAYS + " days before to");
		}
		return new DateRange(start, end);
	}

	/** Widened to whole ISO weeks, Monday to Sunday, for answers per week. */
	DateRange wholeWeeks() {
		return new DateRange(this.from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
				this.to.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)));
	}

	private static LocalDate date(String field, String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException(field, "must be an ISO date such as 2026-11-25");
		}
	}

}
