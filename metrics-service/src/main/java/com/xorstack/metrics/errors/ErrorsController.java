package com.xorstack.metrics.errors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * The Errors view (admin and moderator): {@code from} and {@code to} (ISO instants,
 * default the last 24 hours, at most {@link ErrorOccurrences#KEPT} apart),
 * {@code service} (optional), {@code step} ({@code 1m}, {@code 1h}, {@code 1d}; default
 * by window: 1m up to 6 hours, 1h up to 7 days, else 1d), {@code limit} of recent
 * occurrences (1 to 200, default 50).
 */
@RestController
class ErrorsController {

	private static final Map<String, Duration> STEPS = Map.of("1m", Duration.ofMinutes(1), "1h", Duration.ofHours(1),
			"1d", Duration.ofDays(1));

	private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

	/** At most this many buckets per series: a minute step over 30 days is refused. */
	private static final long MAX_BUCKETS = 2000;

	private final ErrorOccurrences occurrences;

	private final Clock clock;

	ErrorsController(ErrorOccurrences occurrences, Clock clock) {
		this.occurrences = occurrences;
		this.clock = clock;
	}

	@GetMapping("/api/admin/errors")
	Mono<ErrorsView> errors(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String step, @RequestParam(defaultValue = "50") int limit) {
		ErrorsView.Query query = query(from, to, service, step, limit);
		return Mono
			.zip(this.occurrences.buckets(query).collectList(), this.occurrences.groups(query).collectList(),
					this.occurrences.recent(query).collectList())
			.map((all) -> new ErrorsView(query.from(), query.to(), name(query.step()), all.getT1(), all.getT2(),
					all.getT3()));
	}

	private ErrorsView.Query query(@Nullable String from, @Nullable String to, @Nullable String service,
			@Nullable String step, int limit) {
		Instant end = (to != null) ? instant("to", to) : this.clock.instant();
		Instant start = (from != null) ? instant("from", from) : end.minus(Duration.ofDays(1));
		if (!start.isBefore(end)) {
			throw new InvalidParameterException("from", "must be before to");
		}
		Duration window = Duration.between(start, end);
		if (window.compareTo(ErrorOccurrences.KEPT) > 0) {
			throw new InvalidParameterException("from", "must be at most 30 days before to: errors are kept 30 days");
		}
		if (service != null && !SERVICE.matcher(service).matches()) {
			throw new InvalidParameterException("service", "must be a service name such as feedback-service");
		}
		if (limit < 1 || limit > 200) {
			throw new InvalidParameterException("limit", "must be between 1 and 200");
		}
		Duration width = (step != null) ? STEPS.get(step) : byWindow(window);
		if (width == null) {
			throw new InvalidParameterException("step", "must be 1m, 1h or 1d");
		}
		if (window.dividedBy(width) > MAX_BUCKETS) {
			throw new InvalidParameterException("step",
					"gives more than " + MAX_BUCKETS + " buckets; take a larger one");
		}
		return new ErrorsView.Query(start, end, width, service, limit);
	}

	private static Duration byWindow(Duration window) {
		if (window.compareTo(Duration.ofHours(6)) <= 0) {
			return STEPS.get("1m");
		}
		return (window.compareTo(Duration.ofDays(7)) <= 0) ? STEPS.get("1h") : STEPS.get("1d");
	}

	private static String name(Duration step) {
		return STEPS.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(step))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

	private static Instant instant(String field, String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException(field, "must be an ISO instant such as 2026-11-25T10:00:00Z");
		}
	}

}
