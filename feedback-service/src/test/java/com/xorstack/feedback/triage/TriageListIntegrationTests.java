package com.xorstack.feedback.triage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.feedback.FeedbackIntegrationTest;
import com.xorstack.feedback.FeedbackApi;

import static com.xorstack.feedback.FeedbackApi.ADMIN;
import static com.xorstack.feedback.FeedbackApi.MODERATOR;
import static com.xorstack.feedback.FeedbackApi.OTHER_USER;
import static com.xorstack.feedback.FeedbackApi.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The triage list with its filters and cursor, and the stats, over everyone's feedback.
 */
class TriageListIntegrationTests extends FeedbackIntegrationTest {

	FeedbackApi api;

	@Autowired
	void api(WebTestClient web) {
		this.api = new FeedbackApi(web);
	}

	@Test
	void fullTextSearchFindsStemmedWordsInEveryonesFeedback() {
		String word = uniqueWord();
		this.api.submitted(USER, Map.of("category", "bug", "message", "The " + word + " crashes on start"));
		this.api.submitted(OTHER_USER, Map.of("category", "feature", "message", "More " + word + " exports"));
		this.api.submitted(USER, Map.of("category", "bug", "message", "Nothing to see here"));
		assertThat(ids(MODERATOR, "/api/admin/feedback?q=" + word)).hasSize(2);
		assertThat(messages(ADMIN, "/api/admin/feedback?q=" + word + "+crash")).singleElement()
			.asString()
			.contains("crashes");
		assertThat(messages(ADMIN, "/api/admin/feedback?q=" + word + "&category=feature")).singleElement()
			.asString()
			.startsWith("More");
	}

	@Test
	void filtersByStatusPriorityAndTime() {
		String word = uniqueWord();
		UUID reviewed = UUID.fromString(
				(String) this.api.submitted(USER, Map.of("category", "question", "message", word + " one")).get("id"));
		UUID pending = UUID.fromString(
				(String) this.api.submitted(USER, Map.of("category", "question", "message", word + " two")).get("id"));
		this.api.patch(MODERATOR, reviewed, "\"0\"", Map.of("status", "reviewed", "priority", "critical"))
			.expectStatus()
			.isOk();
		assertThat(ids(MODERATOR, "/api/admin/feedback?q=" + word + "&status=reviewed"))
			.containsExactly(reviewed.toString());
		assertThat(ids(MODERATOR, "/api/admin/feedback?q=" + word + "&status=pending"))
			.containsExactly(pending.toString());
		assertThat(ids(MODERATOR, "/api/admin/feedback?q=" + word + "&priority=critical"))
			.containsExactly(reviewed.toString());
		Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
		Instant inAnHour = Instant.now().plus(1, ChronoUnit.HOURS);
		assertThat(ids(MODERATOR, "/api/admin/feedback?q=" + word + "&from=" + hourAgo + "&to=" + inAnHour))
			.containsExactly(pending.toString(), reviewed.toString());
		assertThat(ids(MODERATOR, "/api/admin/feedback?q=" + word + "&from=" + inAnHour)).isEmpty();
		assertThat(ids(MODERATOR, "/api/admin/feedback?q=" + word + "&to=" + hourAgo)).isEmpty();
	}

	@Test
	void cursorPagesThroughFilteredResultsWithoutGapsOrRepeats() {
		String word = uniqueWord();
		List<String> submitted = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			submitted.add(0, this.api.submittedId(USER, word + " item " + i).toString());
		}
		List<String> seen = new ArrayList<>();
		String uri = "/api/admin/feedback?limit=2&q=" + word;
		Map<String, Object> page = this.api.getJson(MODERATOR, uri);
		int pages = 1;
		seen.addAll(idsOf(page));
		while (page.get("nextCursor") != null) {
			page = this.api.getJson(MODERATOR, uri + "&cursor=" + page.get("nextCursor"));
			seen.addAll(idsOf(page));
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(submitted);
	}

	@Test
	void sqlLookingSearchIsJustText() {
		this.api.submitted(USER, Map.of("category", "general", "message", "' OR 1=1 --"));
		assertThat(ids(MODERATOR, "/api/admin/feedback?limit=200&q=' OR 1=1 --")).isNotEmpty().hasSizeLessThan(200);
		assertThat(ids(MODERATOR, "/api/admin/feedback?q=' OR 'x'='x")).isEmpty();
	}

	@Test
	void statsCountEachStatusCategoryAndPriorityAndTheOldestPendingAge() {
		Map<String, Long> before = counts(this.api.getJson(MODERATOR, "/api/admin/feedback/stats"));
		UUID id = this.api.submittedId(USER, "Counted once");
		this.api.submitted(OTHER_USER, Map.of("category", "question", "message", "Counted too"));
		this.api.patch(ADMIN, id, "\"0\"", Map.of("status", "reviewed", "priority", "high")).expectStatus().isOk();
		Map<String, Object> stats = this.api.getJson(ADMIN, "/api/admin/feedback/stats");
		Map<String, Long> after = counts(stats);
		assertThat(after).hasSize(11);
		assertThat(after.get("status:pending") - before.get("status:pending")).isEqualTo(1);
		assertThat(after.get("status:reviewed") - before.get("status:reviewed")).isEqualTo(1);
		assertThat(after.get("category:bug") - before.get("category:bug")).isEqualTo(1);
		assertThat(after.get("category:question") - before.get("category:question")).isEqualTo(1);
		assertThat(after.get("priority:high") - before.get("priority:high")).isEqualTo(1);
		assertThat(after.get("priority:medium") - before.get("priority:medium")).isEqualTo(1);
		assertThat(stats.get("oldestPendingAt")).isNotNull();
		assertThat(((Number) stats.get("oldestPendingAgeSeconds")).longValue()).isGreaterThanOrEqualTo(0);
	}

	private static String uniqueWord() {
		return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private List<String> ids(String user, String uri) {
		return idsOf(this.api.getJson(user, uri));
	}

	private List<String> messages(String user, String uri) {
		return items(this.api.getJson(user, uri)).stream().map((item) -> (String) item.get("message")).toList();
	}

	private static List<String> idsOf(Map<String, Object> page) {
		return items(page).stream().map((item) -> (String) item.get("id")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("items");
	}

	private static Map<String, Long> counts(Map<String, Object> stats) {
		Map<String, Long> counts = new java.util.HashMap<>();
		items(stats).forEach((group) -> counts.put(group.get("dimension") + ":" + group.get("value"),
				((Number) group.get("count")).longValue()));
		return counts;
	}

}
