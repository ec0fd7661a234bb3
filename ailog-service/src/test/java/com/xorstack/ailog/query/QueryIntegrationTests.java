package com.xorstack.ailog.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin reads against numbers computed here from the events sent: stats per function
 * and per model, keyset pages, filters, and the duplicates report.
 */
class QueryIntegrationTests extends AilogIntegrationTest {

	private static final Offset<Double> EXACT = Offset.offset(1e-9);

	AiLogApi api;

	@Autowired
	void api(WebTestClient web) {
		this.api = new AiLogApi(web);
	}

	@Test
	void statsMatchWhatTheSentEventsAddUpTo() {
		Instant from = LocalDate.now(ZoneOffset.UTC).minusDays(30).atTime(10, 0).toInstant(ZoneOffset.UTC);
		Instant to = from.plusSeconds(3600);
		String priced = "stats-priced-" + UUID.randomUUID();
		String unpriced = "stats-unpriced-" + UUID.randomUUID();
		Random random = new Random(42);
		List<Map<String, Object>> pricedEvents = events(priced, "gpt-4o-mini", 25, 5, from, random);
		List<Map<String, Object>> unpricedEvents = events(unpriced, "acme-unpriced-7", 12, 0, from, random);
		List<Map<String, Object>> all = new ArrayList<>(pricedEvents);
		all.addAll(unpricedEvents);
		assertThat(this.api.batch(all)).containsEntry("accepted", 37);

		List<Map<String, Object>> byFunction = items(
				this.api.getJson("/api/admin/ai-logs/stats?by=function&from={f}&to={t}", from, to));
		assertThat(byFunction).extracting((item) -> item.get("functionName")).containsExactly(priced, unpriced);
		assertStats(byFunction.get(0), pricedEvents, 5, 0.15, 0.60);
		assertStats(byFunction.get(1), unpricedEvents, 0, 0, 0);
		assertThat(byFunction.get(0)).containsEntry("pricedCalls", 25).containsEntry("unpricedCalls", 0);
		assertThat(byFunction.get(1)).containsEntry("pricedCalls", 0).containsEntry("unpricedCalls", 12);

		List<Map<String, Object>> byModel = items(
				this.api.getJson("/api/admin/ai-logs/stats?by=model&from={f}&to={t}", from, to));
		assertThat(byModel).extracting((item) -> item.get("model")).containsExactly("gpt-4o-mini", "acme-unpriced-7");
		assertStats(byModel.get(0), pricedEvents, 5, 0.15, 0.60);
	}

	@Test
	void pagesFollowEachOtherWithoutGapsOrRepeatsAndFiltersApply() {
		Instant from = LocalDate.now(ZoneOffset.UTC).minusDays(29).atTime(8, 0).toInstant(ZoneOffset.UTC);
		String function = "pages-" + UUID.randomUUID();
		List<Map<String, Object>> events = events(function, "gpt-4o", 25, 5, from, new Random(7));
		this.api.batch(events);
		Set<Object> seen = new HashSet<>();
		String cursor = null;
		List<Integer> sizes = new ArrayList<>();
		Instant previous = Instant.MAX;
		do {
			Map<String, Object> page = this.api.getJson(
					"/api/admin/ai-logs?functionName={f}&limit=10" + ((cursor != null) ? "&cursor=" + cursor : ""),
					function);
			List<Map<String, Object>> items = items(page);
			sizes.add(items.size());
			for (Map<String, Object> item : items) {
				Instant at = Instant.parse((String) item.get("occurredAt"));
				assertThat(at).isBeforeOrEqualTo(previous);
				previous = at;
				assertThat(seen.add(item.get("id"))).isTrue();
			}
			cursor = (String) page.get("nextCursor");
		}
		while (cursor != null);
		assertThat(sizes).containsExactly(10, 10, 5);
		assertThat(items(this.api.getJson("/api/admin/ai-logs?functionName={f}&status=error", function))).hasSize(5)
			.allSatisfy((item) -> assertThat(item).containsEntry("status", "error"));
		assertThat(items(this.api.getJson("/api/admin/ai-logs?functionName={f}&model=gpt-4o&from={from}&to={to}",
				function, from.plusSeconds(10), from.plusSeconds(20))))
			.hasSize(10);
		assertThat(items(this.api.getJson("/api/admin/ai-logs?functionName={f}&userId=nobody", function))).isEmpty();
	}

	@Test
	void badQueryParametersAreProblemsNamingTheParameter() {
		this.api.get("/api/admin/ai-logs?cursor=bogus")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("cursor");
		this.api.get("/api/admin/ai-logs?limit=500")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("limit");
		this.api.get("/api/admin/ai-logs?status=maybe")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("status");
		this.api.get("/api/admin/ai-logs?from=yesterday")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("from");
		this.api.get("/api/admin/ai-logs/stats?by=colour")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("by");
		this.api.get("/api/admin/ai-logs/{id}", UUID.randomUUID()).expectStatus().isNotFound();
	}

	@Test
	void duplicatesReportTheMostRepeatedPromptsWithTheTokensACacheWouldHaveSaved() {
		Instant from = LocalDate.now(ZoneOffset.UTC).minusDays(31).atTime(12, 0).toInstant(ZoneOffset.UTC);
		String function = "dupes-" + UUID.randomUUID();
		String often = "a".repeat(64);
		String twice = "b".repeat(64);
		String once = "c".repeat(64);
		List<Map<String, Object>> events = new ArrayList<>();
		int[][] tokens = { { 100, 10 }, { 110, 11 }, { 120, 12 }, { 130, 13 } };
		for (int i = 0; i < 4; i++) {
			events.add(withHash(function, from.plusSeconds(i), often, tokens[i][0], tokens[i][1]));
		}
		events.add(withHash(function, from.plusSeconds(10), twice, 50, 5));
		events.add(withHash(function, from.plusSeconds(11), twice, 60, 6));
		events.add(withHash(function, from.plusSeconds(12), once, 70, 7));
		this.api.batch(events);
		List<Map<String, Object>> report = items(
				this.api.getJson("/api/admin/ai-logs/duplicates?from={f}&to={t}", from, from.plusSeconds(60)));
		assertThat(report).extracting((item) -> item.get("inputHash")).containsExactly(often, twice);
		assertThat(report.get(0)).containsEntry("calls", 4)
			.containsEntry("repeats", 3)
			.containsEntry("savedInputTokens", 110 + 120 + 130)
			.containsEntry("savedOutputTokens", 11 + 12 + 13)
			.containsEntry("savedTokens", 360 + 36);
		assertThat(report.get(1)).containsEntry("calls", 2).containsEntry("savedTokens", 66);
		// gpt-4o-mini prices the repeats: 360 input at 0.15, 36 output at 0.60 per
		// million
		assertThat(((Number) report.get(0).get("savedCostUsd")).doubleValue()).isCloseTo((360 * 0.15 + 36 * 0.60) / 1e6,
				EXACT);
	}

	private static Map<String, Object> withHash(String function, Instant at, String hash, int input, int output) {
		Map<String, Object> event = AiLogApi.event(function, at);
		event.put("inputHash", hash);
		event.put("inputTokens", input);
		event.put("outputTokens", output);
		return event;
	}

	private static List<Map<String, Object>> events(String function, String model, int count, int errors, Instant from,
			Random random) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> event = AiLogApi.event(function, from.plusSeconds(i));
			event.put("requestModel", model);
			event.put("durationMs", (double) (1 + random.nextInt(5000)));
			event.put("inputTokens", random.nextInt(4000));
			event.put("outputTokens", random.nextInt(1000));
			event.put("status", (i < errors) ? "error" : "success");
			events.add(event);
		}
		return events;
	}

	private static void assertStats(Map<String, Object> item, List<Map<String, Object>> events, int errors,
			double inputPrice, double outputPrice) {
		List<Double> durations = events.stream().map((e) -> (Double) e.get("durationMs")).sorted().toList();
		long input = events.stream().mapToLong((e) -> (Integer) e.get("inputTokens")).sum();
		long output = events.stream().mapToLong((e) -> (Integer) e.get("outputTokens")).sum();
		assertThat(item).containsEntry("calls", events.size())
			.containsEntry("errors", errors)
			.containsEntry("inputTokens", (int) input)
			.containsEntry("outputTokens", (int) output);
		assertThat(((Number) item.get("errorRate")).doubleValue()).isCloseTo((double) errors / events.size(), EXACT);
		assertThat(((Number) item.get("p50Ms")).doubleValue()).isCloseTo(percentile(durations, 0.50), EXACT);
		assertThat(((Number) item.get("p95Ms")).doubleValue()).isCloseTo(percentile(durations, 0.95), EXACT);
		assertThat(((Number) item.get("p99Ms")).doubleValue()).isCloseTo(percentile(durations, 0.99), EXACT);
		assertThat(((Number) item.get("costUsd")).doubleValue())
			.isCloseTo((input * inputPrice + output * outputPrice) / 1e6, EXACT);
	}

	/** Linear interpolation between the closest ranks, as percentile_cont computes it. */
	private static double percentile(List<Double> sorted, double fraction) {
		double position = fraction * (sorted.size() - 1);
		int lower = (int) Math.floor(position);
		int upper = (int) Math.ceil(position);
		return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("items");
	}

}
