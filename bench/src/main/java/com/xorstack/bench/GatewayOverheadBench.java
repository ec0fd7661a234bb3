package com.xorstack.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.xorstack.devstack.Service;
import com.xorstack.devstack.Suite;

/**
 * What the gateway costs: the same request ({@code GET /api/me} with demo-user's token,
 * answered by auth-service from the token alone) sent straight to auth-service and
 * through the gateway, which validates the token, applies the role table and the
 * per-caller rate limit (Redis, when the machine has it) and routes it through its
 * circuit breaker. Direct and gateway runs alternate, so that both see the same machine;
 * the report gives the median of the rounds.
 */
final class GatewayOverheadBench {

	private final Suite suite;

	private final int concurrency;

	private final Duration round;

	private final int rounds;

	GatewayOverheadBench(Suite suite, Map<String, String> options) {
		this.suite = suite;
		this.concurrency = Bench.intOption(options, "concurrency", 16);
		this.round = Duration.ofSeconds(Bench.intOption(options, "seconds", 10));
		this.rounds = Bench.intOption(options, "rounds", 5);
	}

	int run() {
		LoadGenerator load = new LoadGenerator();
		URI direct = URI.create(this.suite.baseUrl(Service.AUTH) + "/api/me");
		URI gateway = URI.create(this.suite.gatewayUrl() + "/api/me");
		System.out.printf("gateway overhead: GET /api/me, %d connections, %d rounds of %s each way%n", this.concurrency,
				this.rounds, this.round);
		String token = token();
		load.run("warm-up", this.concurrency, Duration.ofSeconds(15), (i) -> get(direct, token));
		load.run("warm-up", this.concurrency, Duration.ofSeconds(15), (i) -> get(gateway, token));
		List<LoadGenerator.Result> directRuns = new ArrayList<>();
		List<LoadGenerator.Result> gatewayRuns = new ArrayList<>();
		boolean clean = true;
		for (int r = 0; r < this.rounds; r++) {
			String fresh = token();
			LoadGenerator.Result d = load.run("direct", this.concurrency, this.round, (i) -> get(direct, fresh));
			LoadGenerator.Result g = load.run("gateway", this.concurrency, this.round, (i) -> get(gateway, fresh));
			System.out.println("  " + d);
			System.out.println("  " + g);
			clean &= d.count(200) == d.requests() && g.count(200) == g.requests();
			directRuns.add(d);
			gatewayRuns.add(g);
		}
		double directRps = Statistics.median(directRuns, LoadGenerator.Result::perSecond);
		double gatewayRps = Statistics.median(gatewayRuns, LoadGenerator.Result::perSecond);
		double directP50 = Statistics.median(directRuns, LoadGenerator.Result::p50Ms);
		double gatewayP50 = Statistics.median(gatewayRuns, LoadGenerator.Result::p50Ms);
		double directP99 = Statistics.median(directRuns, LoadGenerator.Result::p99Ms);
		double gatewayP99 = Statistics.median(gatewayRuns, LoadGenerator.Result::p99Ms);
		System.out.println();
		System.out.println("| path | req/s (median) | p50 ms | p99 ms |");
		System.out.println("|---|---|---|---|");
		System.out.printf("| direct to auth-service | %.0f | %s | %s |%n", directRps, Bench.format(directP50),
				Bench.format(directP99));
		System.out.printf("| through the gateway | %.0f | %s | %s |%n", gatewayRps, Bench.format(gatewayP50),
				Bench.format(gatewayP99));
		System.out.printf("throughput ratio gateway/direct: %.2f; added latency p50 %s ms, p99 %s ms%n",
				gatewayRps / directRps, Bench.format(gatewayP50 - directP50), Bench.format(gatewayP99 - directP99));
		if (!clean) {
			System.out.println("NOT CLEAN: some requests did not answer 200 (see the statuses above)");
			return 1;
		}
		return 0;
	}

	private String token() {
		return this.suite.tokens().passwordToken("demo-user", "demo-user");
	}

	private static HttpRequest get(URI uri, String token) {
		return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
	}

}
