package com.xorstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.devstack.Suite;

/**
 * Feedback submissions through the gateway with real tokens of two users: each one a row
 * and its outbox event committed together in feedback-service. After the run, the
 * moderator's stats must count exactly the submissions that were answered 201: nothing
 * lost, nothing doubled.
 */
final class FeedbackSubmissionBench {

	private static final String[] USERS = { "demo-user", "demo-user-2" };

	private final Suite suite;

	private final int concurrency;

	private final Duration duration;

	private final int rounds;

	FeedbackSubmissionBench(Suite suite, Map<String, String> options) {
		this.suite = suite;
		this.concurrency = Bench.intOption(options, "concurrency", 16);
		this.duration = Duration.ofSeconds(Bench.intOption(options, "seconds", 20));
		this.rounds = Bench.intOption(options, "rounds", 3);
	}

	int run() throws Exception {
		LoadGenerator load = new LoadGenerator();
		URI submit = URI.create(this.suite.gatewayUrl() + "/api/feedback");
		System.out.printf(
				"feedback submissions: POST /api/feedback through the gateway, %d connections, %d rounds" + " of %s%n",
				this.concurrency, this.rounds, this.duration);
		LoadGenerator.Result warmUp = load.run("warm-up", this.concurrency, Duration.ofSeconds(15),
				submissions(submit));
		List<LoadGenerator.Result> runs = new ArrayList<>();
		long created = warmUp.count(201);
		long answered = 0;
		for (int r = 0; r < this.rounds; r++) {
			LoadGenerator.Result result = load.run("submit", this.concurrency, this.duration, submissions(submit));
			System.out.println("  " + result);
			runs.add(result);
			created += result.count(201);
			answered += result.requests();
		}
		double rps = Statistics.median(runs, LoadGenerator.Result::perSecond);
		double p50 = Statistics.median(runs, LoadGenerator.Result::p50Ms);
		double p99 = Statistics.median(runs, LoadGenerator.Result::p99Ms);
		System.out.println();
		System.out.println("| submissions/s (median) | p50 ms | p99 ms |");
		System.out.println("|---|---|---|");
		System.out.printf("| %.0f | %s | %s |%n", rps, Bench.format(p50), Bench.format(p99));
		long stored = storedTotal();
		System.out.printf("answered 201 (warm-up included): %d; stored: %d%n", created, stored);
		if (created - warmUp.count(201) != answered) {
			System.out.println("NOT CLEAN: some submissions were not answered 201 (see the statuses above)");
			return 1;
		}
		if (stored != created) {
			System.out.println("MISMATCH: rows stored differ from submissions answered 201");
			return 1;
		}
		return 0;
	}

	private java.util.function.IntFunction<HttpRequest> submissions(URI submit) {
		String[] tokens = new String[USERS.length];
		for (int i = 0; i < USERS.length; i++) {
			tokens[i] = this.suite.tokens().passwordToken(USERS[i], USERS[i]);
		}
		return (i) -> HttpRequest.newBuilder(submit)
			.header("Authorization", "Bearer " + tokens[(i >>> 20) % tokens.length])
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"bug\",\"message\":\"Benchmark submission " + i
					+ ": the sleep chart is empty\",\"rating\":3,\"metadata\":{\"bench\":\"true\"}}"))
			.build();
	}

	/** Every feedback stored, by the moderator's stats (all pending: nobody triaged). */
	private long storedTotal() throws Exception {
		String token = this.suite.tokens().passwordToken("demo-moderator", "demo-moderator");
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create(this.suite.gatewayUrl() + "/api/admin/feedback/stats"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode stats = JsonMapper.builder().build().readTree(response.body());
		for (JsonNode group : stats.path("items")) {
			if (group.path("dimension").asString().equals("status")
					&& group.path("value").asString().equals("pending")) {
				return group.path("count").asLong();
			}
		}
		throw new IllegalStateException("No pending count in " + response.statusCode() + " " + response.body());
	}

}
