package com.xorstack.feedback.triage;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.xorstack.feedback.submission.Category;
import com.xorstack.feedback.submission.Priority;
import com.xorstack.feedback.submission.Status;

/**
 * The triage overview: {@code items} has one group per status, category and priority,
 * with a zero count where there is none, so that a dashboard never has to guess; and how
 * long the oldest pending feedback has waited.
 *
 * @param oldestPendingAt when the oldest pending feedback was submitted, or none
 * @param oldestPendingAgeSeconds how long it has waited, or none
 */
record FeedbackStats(List<Group> items, @Nullable Instant oldestPendingAt, @Nullable Long oldestPendingAgeSeconds) {

	static FeedbackStats of(List<Group> found, @Nullable OffsetDateTime oldestPending, Instant now) {
		Map<String, Long> counts = found.stream()
			.collect(Collectors.toMap((group) -> group.dimension() + ":" + group.value(), Group::count));
		List<Group> items = new ArrayList<>();
		Arrays.stream(Status.values()).forEach((status) -> items.add(group(counts, "status", status.value())));
		Arrays.stream(Category.values()).forEach((category) -> items.add(group(counts, "category", category.value())));
		Arrays.stream(Priority.values()).forEach((priority) -> items.add(group(counts, "priority", priority.value())));
		if (oldestPending == null) {
			return new FeedbackStats(items, null, null);
		}
		Instant oldest = oldestPending.toInstant();
		return new FeedbackStats(items, oldest, Math.max(0, Duration.between(oldest, now).toSeconds()));
	}

	private static Group group(Map<String, Long> counts, String dimension, String value) {
		return new Group(dimension, value, counts.getOrDefault(dimension + ":" + value, 0L));
	}

	/** How many feedback items have this value of this dimension. */
	record Group(String dimension, String value, long count) {
	}

}
