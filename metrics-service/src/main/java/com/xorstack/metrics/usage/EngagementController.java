package com.xorstack.metrics.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.usage.EngagementRepository.ActiveDay;
import com.xorstack.metrics.usage.EngagementRepository.CohortWeek;
import com.xorstack.metrics.usage.EngagementRepository.SessionDay;

/**
 * Engagement ({@code /engagement}) and weekly retention cohorts ({@code /retention}) over
 * the same {@code from}/{@code to} days as {@code /usage}; counts and ratios only.
 */
@RestController
@RequestMapping("/api/admin/analytics")
class EngagementController {

	private final EngagementRepository engagement;

	private final Clock clock;

	EngagementController(EngagementRepository engagement, Clock clock) {
		this.engagement = engagement;
		this.clock = clock;
	}

	@GetMapping("/engagement")
	Mono<Map<String, Object>> engagement(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		DateRange range = DateRange.parse(from, to, this.clock);
		return Mono
			.zip(this.engagement.activeUsers(range), this.engagement.sessions(range),
					this.engagement.usersInRange(range))
			.map((all) -> {
				Map<LocalDate, SessionDay> sessions = new HashMap<>();
				SessionDay total = new SessionDay(null, 0, 0, 0, 0);
				for (SessionDay day : all.getT2()) {
					if (day.day() != null) {
						sessions.put(day.day(), day);
					}
					else {
						total = day;
					}
				}
				List<Map<String, Object>> days = new ArrayList<>();
				for (ActiveDay day : all.getT1()) {
					Map<String, Object> row = new LinkedHashMap<>();
					row.put("day", day.day().toString());
					row.put("dau", day.dau());
					row.put("wau", day.wau());
					row.put("mau", day.mau());
					row.put("stickiness", ratio(day.dau(), day.mau()));
					row.put("newUsers", day.newUsers());
					row.put("returningUsers", day.dau() - day.newUsers());
					putSessions(row, sessions.getOrDefault(day.day(), new SessionDay(day.day(), 0, 0, 0, 0)));
					days.add(row);
				}
				Map<String, Object> summary = new LinkedHashMap<>();
				summary.put("activeUsers", all.getT3()[0]);
				summary.put("newUsers", all.getT3()[1]);
				summary.put("returningUsers", all.getT3()[0] - all.getT3()[1]);
				summary.put("averageStickiness",
						ratio(all.getT1().stream().mapToDouble((day) -> ratio(day.dau(), day.mau())).sum(),
								all.getT1().size()));
				putSessions(summary, total);
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("from", range.from().toString());
				body.put("to", range.to().toString());
				body.put("summary", summary);
				body.put("days", days);
				return body;
			});
	}

	@GetMapping("/retention")
	Mono<Map<String, Object>> retention(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		DateRange weeks = DateRange.parse(from, to, this.clock).wholeWeeks();
		return this.engagement.cohorts(weeks).map((rows) -> {
			Map<LocalDate, long[]> active = new LinkedHashMap<>();
			for (CohortWeek row : rows) {
				int span = (int) (ChronoUnit.WEEKS.between(row.week(), weeks.to()) + 1);
				active.computeIfAbsent(row.week(), (week) -> new long[span])[row.weeksLater()] = row.users();
			}
			List<Map<String, Object>> cohorts = new ArrayList<>();
			active.forEach((week, counts) -> {
				List<Double> shares = new ArrayList<>();
				for (long count : counts) {
					shares.add(ratio(count, counts[0]));
				}
				Map<String, Object> cohort = new LinkedHashMap<>();
				cohort.put("week", week.toString());
				cohort.put("users", counts[0]);
				cohort.put("active", counts);
				cohort.put("retention", shares);
				cohorts.add(cohort);
			});
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("from", weeks.from().toString());
			body.put("to", weeks.to().toString());
			body.put("cohorts", cohorts);
			return body;
		});
	}

	private static void putSessions(Map<String, Object> row, SessionDay sessions) {
		row.put("sessions", sessions.sessions());
		row.put("sessionsPerUser", ratio(sessions.userSessions(), sessions.users()));
		row.put("medianSessionSeconds", Math.round(sessions.medianSeconds() * 10) / 10.0);
	}

	/** Rounded to four places; 0 where there is nothing to divide by. */
	static double ratio(double part, double whole) {
		return (whole == 0) ? 0 : Math.round(part / whole * 10_000) / 10_000.0;
	}

}
