package com.xorstack.metrics.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.activity.ActivityRepository;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * Usage analytics per UTC day ({@code from}, {@code to}: ISO dates, both included,
 * default the last 30 days, at most 366 days) and the hour-of-week heatmap.
 */
@RestController
@RequestMapping("/api/admin/analytics")
class AnalyticsController {

	private final AnalyticsRepository analytics;

	private final ActivityRepository activity;

	private final Clock clock;

	AnalyticsController(AnalyticsRepository analytics, ActivityRepository activity, Clock clock) {
		this.analytics = analytics;
		this.activity = activity;
		this.clock = clock;
	}

	@GetMapping("/usage")
	Mono<Map<String, Object>> usage(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		LocalDate[] range = range(from, to);
		return Mono
			.zip(this.activity.perDay("users", range[0], range[1]),
					this.activity.perDay("sessions", range[0], range[1]),
					this.analytics.eventsPerDay(range[0], range[1]), this.analytics.aiCallsPerDay(range[0], range[1]),
					this.analytics.aiCallsBy("operation", range[0], range[1]),
					this.analytics.aiCallsBy("function", range[0], range[1]))
			.map((all) -> {
				Map<LocalDate, Map<String, Long>> events = new HashMap<>();
				all.getT3()
					.forEach((entry) -> events.computeIfAbsent(entry.getKey(), (day) -> new TreeMap<>())
						.put(entry.getValue().getKey(), entry.getValue().getValue()));
				List<Map<String, Object>> days = new ArrayList<>();
				for (LocalDate day = range[0]; !day.isAfter(range[1]); day = day.plusDays(1)) {
					Map<String, Long> kinds = events.getOrDefault(day, Map.of());
					Map<String, Object> row = new LinkedHashMap<>();
					row.put("day", day.toString());
					row.put("activeUsers", all.getT1().getOrDefault(day, 0L));
					row.put("sessions", all.getT2().getOrDefault(day, 0L));
					row.put("sessionsStarted", kinds.getOrDefault(UsageEvent.SESSION_STARTED, 0L));
					row.put("aiCalls", all.getT4().getOrDefault(day, 0L));
					row.put("tasksCompleted", kinds.getOrDefault(UsageEvent.TASK_COMPLETED, 0L));
					row.put("exports", kinds.getOrDefault(UsageEvent.EXPORT_COMPLETED, 0L));
					row.put("events", kinds);
					days.add(row);
				}
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("from", range[0].toString());
				body.put("to", range[1].toString());
				body.put("days", days);
				body.put("aiCallsByOperation", labelled("operation", all.getT5()));
				body.put("aiCallsByFunction", labelled("functionName", all.getT6()));
				return body;
			});
	}

	@GetMapping("/heatmap")
	Mono<Map<String, Object>> heatmap(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "api") String source) {
		if (!"api".equals(source) && !"ai".equals(source)) {
			throw new InvalidParameterException("source", "must be api or ai");
		}
		LocalDate[] range = range(from, to);
		return this.analytics.heatmap(source, range[0], range[1]).map((cells) -> {
			long[][] counts = new long[7][24];
			cells.forEach((cell) -> counts[cell.weekday() - 1][cell.hour()] += cell.count());
			List<Map<String, Object>> items = new ArrayList<>(168);
			for (int weekday = 1; weekday <= 7; weekday++) {
				for (int hour = 0; hour < 24; hour++) {
					items.add(Map.of("weekday", weekday, "hour", hour, "count", counts[weekday - 1][hour]));
				}
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("from", range[0].toString());
			body.put("to", range[1].toString());
			body.put("source", source);
			body.put("timeZone", "UTC");
			body.put("items", items);
			return body;
		});
	}

	private LocalDate[] range(@Nullable String from, @Nullable String to) {
		DateRange range = DateRange.parse(from, to, this.clock);
		return new LocalDate[] { range.from(), range.to() };
	}

	private static List<Map<String, Object>> labelled(String label, List<Map.Entry<String, Long>> counts) {
		return counts.stream()
			.map((entry) -> Map.<String, Object>of(label, entry.getKey(), "calls", entry.getValue()))
			.toList();
	}

}
