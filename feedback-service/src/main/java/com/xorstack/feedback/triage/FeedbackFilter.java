package com.xorstack.feedback.triage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.xorstack.feedback.submission.Category;
import com.xorstack.feedback.submission.Priority;
import com.xorstack.feedback.submission.Status;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * The filters of the triage list, parsed from query parameters. Each value that does not
 * parse is the client's error and names its parameter; an absent or blank one filters
 * nothing.
 *
 * @param query words to find in message and note (Postgres web search syntax)
 * @param from inclusive lower bound of {@code createdAt}
 * @param to exclusive upper bound of {@code createdAt}
 */
record FeedbackFilter(@Nullable Status status, @Nullable Category category, @Nullable Priority priority,
		@Nullable String query, @Nullable Instant from, @Nullable Instant to) {

	static final int MAX_QUERY_LENGTH = 200;

	static FeedbackFilter parse(@Nullable String status, @Nullable String category, @Nullable String priority,
			@Nullable String query, @Nullable String from, @Nullable String to) {
		FeedbackFilter filter = new FeedbackFilter(value("status", status, Status::of, Status.values()),
				value("category", category, Category::of, Category.values()),
				value("priority", priority, Priority::of, Priority.values()), query(query), instant("from", from),
				instant("to", to));
		if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
			throw new InvalidParameterException("to", "must be after from");
		}
		return filter;
	}

	private static <E extends Enum<E>> @Nullable E value(String name, @Nullable String value, Function<String, E> of,
			E[] values) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return of.apply(value.strip());
		}
		catch (IllegalArgumentException ex) {
			String allowed = Arrays.stream(values)
				.map((each) -> each.name().toLowerCase(Locale.ROOT))
				.toList()
				.toString();
			throw new InvalidParameterException(name, "must be one of " + allowed);
		}
	}

	private static @Nullable String query(@Nullable String query) {
		if (query == null || query.isBlank()) {
			return null;
		}
		if (query.length() > MAX_QUERY_LENGTH) {
			throw new InvalidParameterException("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
		}
		return query.strip();
	}

	private static @Nullable Instant instant(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException(name, "must be an ISO-8601 time such as 2026-01-31T12:00:00Z");
		}
	}

}
