package com.xorstack.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import com.xorstack.bench.GatewayOverheadBench.Cpu;
import com.xorstack.devstack.Service;
import com.xorstack.devstack.ServiceProcess;
import com.xorstack.devstack.Suite;

/**
 * What the database metrics cost: {@code GET /api/feedback?limit=20} straight to
 * feedback-service, once to the suite's process (metrics on, the default) and once to a
 * second process of the same jar and settings with
 * {@code XORSTACK_DATABASE_METRICS_ENABLED=false}, both running at once and the runs
 * alternating (on first in even rounds, off first in odd ones) so that both see the same
 * machine. Per run the requests a second flat out and the CPU time the answering process
 * spent per request; the report gives the medians and on ÷ off.
 */
final class DatabaseMetricsBench {

	private static final String PATH = "/api/feedback?limit=20";

	private final Suite suite;

	private final int concurrency;

	private final Duration round;

	private final int rounds;

	private final Duration warmUp;

	DatabaseMetricsBench(Suite suite, Map<String, String> options) {
		this.suite = suite;
		this.concurrency = Bench.intOption(options, "concurrency", 16);
		this.round = Duration.ofSeconds(Bench.intOption(options, "seconds", 10));
		this.rounds = Bench.intOption(options, "rounds", 6);
		this.warmUp = Duration.ofSeconds(Bench.intOption(options, "warm-up", 60));
	}

	int run() throws Exception {
		new GatewayOverheadBench(this.suite, Map.of()).seedFeedback();
		ServiceProcess on = this.suite.service(Service.FEEDBACK);
		ServiceProcess off = this.suite.startTwin(Service.FEEDBACK, "feedback-service-metrics-off",
				Map.of("XORSTACK_DATABASE_METRICS_ENABLED", "false"));
		System.out.printf("database metrics: GET %s, %d connections, %d rounds of %s each way; on %s, off %s%n", PATH,
				this.concurrency, this.rounds, this.round, on.baseUrl(), off.baseUrl());
		LoadGenerator load = new LoadGenerator();
		String token = token();
		load.run("warm-up on", this.concurrency, this.warmUp, get(on, token));
		load.run("warm-up off", this.concurrency, this.warmUp, get(off, token));
		List<Run> onRuns = new ArrayList<>();
		List<Run> offRuns = new ArrayList<>();
		boolean clean = true;
		for (int r = 0; r < this.rounds; r++) {
			String fresh = token();
			boolean onFirst = r % 2 == 0;
			for (boolean metered : new boolean[] { onFirst, !onFirst }) {
				ServiceProcess target = metered ? on : off;
				Cpu cpu = new Cpu(target.pid());
				long before = cpu.nanos();
				LoadGenerator.Result result = load.run(metered ? "on" : "off", this.concurrency, this.round,
						get(target, fresh));
				Run run = new Run(result.perSecond(), (cpu.nanos() - before) / 1e6 / result.requests(), result.p50Ms(),
						result.p99Ms());
				System.out.printf("  %s  CPU ms/req: service %.3f%n", result, run.cpuMs());
				clean &= result.count(200) == result.requests();
				(metered ? onRuns : offRuns).add(run);
			}
		}
		Run medianOn = Run.median(onRuns);
		Run medianOff = Run.median(offRuns);
		System.out.println();
		System.out.println("| feedback-service | req/s flat out | CPU ms/req service | p50 ms | p99 ms |");
		System.out.println("|---|---|---|---|---|");
		System.out.println(medianOn.row("database metrics on"));
		System.out.println(medianOff.row("database metrics off"));
		System.out.printf("| on ÷ off | **%.3f** | **%.3f** | %.3f | %.3f |%n",
				medianOn.perSecond / medianOff.perSecond, medianOn.cpuMs / medianOff.cpuMs,
				medianOn.p50Ms / medianOff.p50Ms, medianOn.p99Ms / medianOff.p99Ms);
		if (!clean) {
			System.out.println("NOT CLEAN: some requests did not answer 200 (see the statuses above)");
			return 1;
		}
		return 0;
	}

	private String token() {
		return this.suite.tokens().passwordToken("demo-user", "demo-user");
	}

	private static IntFunction<HttpRequest> get(ServiceProcess target, String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + PATH))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
		return (i) -> request;
	}

	/** One run's figures, or the medians of several. */
	private record Run(double perSecond, double cpuMs, double p50Ms, double p99Ms) {

		static Run median(List<Run> runs) {
			return new Run(Statistics.median(runs, Run::perSecond), Statistics.median(runs, Run::cpuMs),
					Statistics.median(runs, Run::p50Ms), Statistics.median(runs, Run::p99Ms));
		}

		String row(String name) {
			return String.format("| %s | %.0f | %.3f | %s | %s |", name, this.perSecond, this.cpuMs,
					Bench.format(this.p50Ms), Bench.format(this.p99Ms));
		}

	}

}
