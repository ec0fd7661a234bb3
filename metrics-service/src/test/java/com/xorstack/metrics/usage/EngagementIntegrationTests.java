package com.xorstack.metrics.usage;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

import com.xorstack.devstack.EventSchemas;
import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.platform.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Engagement, retention and feature adoption from a planted data set: ten users over five
 * ISO weeks in a far-off stretch of days of their own, so the numbers are exact.
 *
 * <pre>
 * day   0 (Mon wk 0): u0-u5 first seen, sessions of 60..360 s; meal_planner u0 u1, symptom_checker u2
 * day   2:            u0 u1
 * day   7 (wk 1):     u0 u1 u2; meal_planner u0
 * day   9:            u6-u9 first seen; meal_planner u6
 * day  14 (wk 2):     u0 u1 u6 u7
 * day  21 (wk 3):     u0 u6
 * day  28 (wk 4):     u0 u1 u6 u7 u8; meal_planner u6, symptom_checker u0
 * </pre>
 *
 * Every session but day 0's lasts 30 s; each user-day is one session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngagementIntegrationTests extends MetricsIntegrationTest {

	/** A Monday between the years 2300 and 2680, far from every other test's days. */
	private final LocalDate monday = LocalDate.of(2300, 1, 1)
		.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
		.plusWeeks(Math.floorMod(UUID.randomUUID().hashCode(), 20_000));

	private final String prefix = "engagement-" + UUID.randomUUID() + "-u";

	private final List<String> events = new ArrayList<>();

	@BeforeAll
	void plant() {
		for (int user = 0; user < 6; user++) {
			String feature = (user < 2) ? "meal_planner" : (user == 2) ? "symptom_checker" : null;
			session(user, 0, 60 * (user + 1), feature);
		}
		session(0, 2, 30, null);
		session(1, 2, 30, null);
		session(0, 7, 30, "meal_planner");
		session(1, 7, 30, null);
		session(2, 7, 30, null);
		for (int user = 6; user < 10; user++) {
			session(user, 9, 30, (user == 6) ? "meal_planner" : null);
		}
		for (int user : new int[] { 0, 1, 6, 7 }) {
			session(user, 14, 30, null);
		}
		session(0, 21, 30, null);
		session(6, 21, 30, null);
		for (int user : new int[] { 0, 1, 6, 7, 8 }) {
			session(user, 28, 30, (user == 6) ? "meal_planner" : (user == 0) ? "symptom_checker" : null);
		}
		Map<String, Object> answer = postJson("/api/usage-events", ingestToken(),
				"{\"events\":[" + String.join(",", this.events) + "]}", HttpStatus.ACCEPTED);
		assertThat(answer).containsEntry("accepted", this.events.size()).containsEntry("rejected", List.of());
	}

	@Test
	void activeUsersStickinessNewAndReturningPerDay() {
		Map<String, Object> answer = get("/engagement", 0, 34);
		List<Map<String, Object>> days = list(answer, "days");
		assertThat(days).hasSize(35);
		assertThat(days.get(0)).contains(entry("day", day(0)), entry("dau", 6), entry("wau", 6), entry("mau", 6),
				entry("stickiness", 1.0), entry("newUsers", 6), entry("returningUsers", 0), entry("sessions", 6),
				entry("sessionsPerUser", 1.0), entry("medianSessionSeconds", 210.0));
		assertThat(days.get(2)).contains(entry("dau", 2), entry("wau", 6), entry("stickiness", 0.3333),
				entry("newUsers", 0), entry("returningUsers", 2), entry("medianSessionSeconds", 30.0));
		assertThat(days.get(7)).contains(entry("dau", 3), entry("wau", 3), entry("mau", 6), entry("stickiness", 0.5));
		assertThat(days.get(9)).contains(entry("dau", 4), entry("wau", 7), entry("mau", 10), entry("newUsers", 4),
				entry("stickiness", 0.4));
		assertThat(days.get(21)).contains(entry("dau", 2), entry("wau", 2), entry("mau", 10));
		assertThat(days.get(28)).contains(entry("dau", 5), entry("wau", 5), entry("mau", 10),
				entry("returningUsers", 5));
		// day 30's 30 days begin on day 1: u3-u5 were only seen on day 0
		assertThat(days.get(30)).contains(entry("dau", 0), entry("wau", 5), entry("mau", 7), entry("stickiness", 0.0),
				entry("sessions", 0));
		assertThat(map(answer, "summary")).contains(entry("activeUsers", 10), entry("newUsers", 10),
				entry("returningUsers", 0), entry("sessions", 26), entry("sessionsPerUser", 2.6),
				entry("medianSessionSeconds", 30.0));
		// after the last session: a summary of nothing, not an error
		assertThat(map(get("/engagement", 40, 45), "summary")).contains(entry("sessions", 0),
				entry("medianSessionSeconds", 0.0), entry("activeUsers", 0));
		Map<String, Object> later = get("/engagement", 7, 28);
		assertThat(map(later, "summary")).contains(entry("activeUsers", 7), entry("newUsers", 4),
				entry("returningUsers", 3));
	}

	@Test
	void weeklyCohortsCountTheirUsersActiveNWeeksLater() {
		Map<String, Object> answer = get("/retention", 2, 33);
		assertThat(answer).contains(entry("from", day(0)), entry("to", day(34)));
		List<Map<String, Object>> cohorts = list(answer, "cohorts");
		assertThat(cohorts).hasSize(2);
		assertThat(cohorts.get(0)).contains(entry("week", day(0)), entry("users", 6),
				entry("active", List.of(6, 3, 2, 1, 2)), entry("retention", List.of(1.0, 0.5, 0.3333, 0.1667, 0.3333)));
		assertThat(cohorts.get(1)).contains(entry("week", day(7)), entry("users", 4),
				entry("active", List.of(4, 2, 1, 3)), entry("retention", List.of(1.0, 0.5, 0.25, 0.75)));
	}

	@Test
	void featureAdoptionIsTheShareOfActiveUsersPerDayAndWeek() {
		Map<String, Object> daily = get("/features", 0, 34);
		assertThat(daily).containsEntry("activeUsers", 10).containsEntry("step", "day");
		List<Map<String, Object>> items = list(daily, "items");
		assertThat(items).extracting((item) -> item.get("feature")).containsExactly("meal_planner", "symptom_checker");
		assertThat(items.get(0)).contains(entry("users", 3), entry("share", 0.3));
		assertThat(items.get(1)).contains(entry("users", 2), entry("share", 0.2));
		List<Map<String, Object>> meals = list(items.get(0), "series");
		assertThat(meals).hasSize(35);
		assertThat(meals.get(0)).containsOnly(entry("start", day(0)), entry("users", 2), entry("activeUsers", 6),
				entry("share", 0.3333));
		assertThat(meals.get(9)).contains(entry("users", 1), entry("activeUsers", 4), entry("share", 0.25));
		assertThat(meals.get(14)).contains(entry("users", 0), entry("activeUsers", 4), entry("share", 0.0));
		Map<String, Object> weekly = adminGet("/api/admin/analytics/features?from={from}&to={to}&step=week", day(3),
				day(30));
		assertThat(weekly).contains(entry("from", day(0)), entry("to", day(34)));
		assertThat(list(list(weekly, "items").get(0), "series"))
			.extracting((point) -> point.get("users"), (point) -> point.get("activeUsers"),
					(point) -> point.get("share"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2, 6, 0.3333),
					org.assertj.core.groups.Tuple.tuple(2, 7, 0.2857), org.assertj.core.groups.Tuple.tuple(0, 4, 0.0),
					org.assertj.core.groups.Tuple.tuple(0, 2, 0.0), org.assertj.core.groups.Tuple.tuple(1, 5, 0.2));
	}

	@Test
	void answersCarryNoUserIds() {
		for (String path : List.of("/engagement", "/retention", "/features")) {
			assertThat(JsonMapper.shared().writeValueAsString(get(path, 0, 34))).doesNotContain(this.prefix);
		}
	}

	@Test
	void badRangesAndStepsAreProblemsNamingTheParameter() {
		assertRefusedQuery("/api/admin/analytics/engagement?from=soon", "from");
		assertRefusedQuery("/api/admin/analytics/retention?to=2026-13-01", "to");
		assertRefusedQuery("/api/admin/analytics/features?from=2026-02-01&to=2026-01-01", "from");
		assertRefusedQuery("/api/admin/analytics/engagement?from=2024-01-01&to=2026-01-01", "from");
		assertRefusedQuery("/api/admin/analytics/features?step=month", "step");
		for (String path : List.of("/engagement", "/retention", "/features")) {
			this.web.get()
				.uri("/api/admin/analytics" + path)
				.headers((headers) -> headers.setBearerAuth(ingestToken()))
				.exchange()
				.expectStatus()
				.isForbidden();
		}
	}

	@Test
	void aFeatureNameThatIsNotLowerCaseIsRejectedNamingTheField() {
		String bad = "{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":\"feature_used\",\"feature\":\"Meal Planner\","
				+ "\"occurredAt\":\"2026-01-01T00:00:00Z\"}";
		Map<String, Object> answer = postJson("/api/usage-events", ingestToken(), "{\"events\":[" + bad + "]}",
				HttpStatus.ACCEPTED);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> rejected = (List<Map<String, Object>>) answer.get("rejected");
		assertThat(rejected).extracting((r) -> ((List<Map<String, Object>>) r.get("errors")).get(0).get("field"))
			.containsExactly("feature");
	}

	/**
	 * One session of a user on a day: two events {@code seconds} apart from 10:00 UTC.
	 */
	private void session(int user, int day, int seconds, @Nullable String feature) {
		String session = this.prefix + user + "-s" + day;
		Instant start = this.monday.plusDays(day).atTime(10, 0).toInstant(ZoneOffset.UTC);
		this.events.add(event(user, session, start, feature));
		this.events.add(event(user, session, start.plusSeconds(seconds), null));
	}

	private String event(int user, String session, Instant at, @Nullable String feature) {
		String event = "{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":\"feature_used\",\"userId\":\"" + this.prefix
				+ user + "\",\"sessionId\":\"" + session + "\",\"occurredAt\":\"" + at + "\""
				+ ((feature != null) ? ",\"feature\":\"" + feature + "\"" : "") + "}";
		EventSchemas.assertConforms(EventTypes.USAGE_EVENT, event);
		return event;
	}

	private Map<String, Object> get(String path, int fromDay, int toDay) {
		return adminGet("/api/admin/analytics" + path + "?from={from}&to={to}", day(fromDay), day(toDay));
	}

	private String day(int offset) {
		return this.monday.plusDays(offset).toString();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> body, String field) {
		return (List<Map<String, Object>>) body.get(field);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> body, String field) {
		return (Map<String, Object>) body.get(field);
	}

}
