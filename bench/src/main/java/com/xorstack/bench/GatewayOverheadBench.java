package com.xorstack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import com.xorstack.devstack.Service;
import com.xorstack.devstack.Suite;

/**
 * What the gateway costs: the same requests sent straight to a service and through the
 * gateway, which validates the token, applies the role table and the per-caller rate
 * limit (Redis, when the machine has it) and routes them through the route's retry,
 * circuit breaker and time limiter, and puts a request event on its buffer.
 * <p>
 * Two requests: {@code GET /api/me} (auth-service answers from the token alone: the
 * gateway's cost laid bare) and {@code GET /api/feedback} (feedback-service reads the
 * caller's latest 20 items from PostgreSQL: an ordinary API read). For each, two
 * measures, direct and gateway runs alternating so that both see the same machine:
 * <ul>
 * <li>throughput: a closed loop of {@code --concurrency} connections, flat out; with the
 * CPU time each process used per request;</li>
 * <li>latency: an open loop at {@code --rate} requests per second, well under what either
 * path can carry, so that the added latency is the gateway's own and not a queue.</li>
 * </ul>
 * The report gives the median of the rounds.
 */
final class GatewayOverheadBench {

	private final Suite suite;

	private final int concurrency;

	private final Duration round;

	private final int rounds;

	private final int rate;

	private final Duration warmUp;

	private final Duration warmUpLimit;

	private final List<String> requests;

	GatewayOverheadBench(Suite suite, Map<String, String> options) {
		this.suite = suite;
		this.concurrency = Bench.intOption(options, "concurrency", 16);
		this.round = Duration.ofSeconds(Bench.intOption(options, "seconds", 10));
		this.rounds = Bench.intOption(options, "rounds", 5);
		this.rate = Bench.intOption(options, "rate", 200);
		this.warmUp = Duration.ofSeconds(Bench.intOption(options, "warm-up", 90));
		this.warmUpLimit = Duration.ofSeconds(Bench.intOption(options, "warm-up-limit", 600));
		this.requests = List.of(options.getOrDefault("requests", "me,feedback").split(","));
	}

	int run() throws Exception {
		System.out.printf(
				"gateway overhead: %s; throughput with %d connections, latency at %d req/s; %d rounds of %s each way%n",
				this.requests, this.concurrency, this.rate, this.rounds, this.round);
		List<String> table = new ArrayList<>();
		List<String> atRate = new ArrayList<>();
		boolean clean = true;
		for (String name : this.requests) {
			clean &= measure(name.trim(), table, atRate);
		}
		System.out.println();
		System.out.println(
				"| request | path | req/s flat out | CPU ms/req gateway | CPU ms/req service | CPU ms/req machine | p50 ms at "
						+ this.rate + "/s | p99 ms at " + this.rate + "/s |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		table.forEach(System.out::println);
		System.out.println();
		System.out.println("| request | path | CPU ms/req gateway at " + this.rate + "/s | CPU ms/req service at "
				+ this.rate + "/s | CPU ms/req metrics-service at " + this.rate + "/s |");
		System.out.println("|---|---|---|---|---|");
		atRate.forEach(System.out::println);
		if (!clean) {
			System.out.println("NOT CLEAN: some requests did not answer 200 (see the statuses above)");
			return 1;
		}
		return 0;
	}

	private boolean measure(String name, List<String> table, List<String> atRate) throws Exception {
		Service service = switch (name) {
			case "me" -> Service.AUTH;
			case "feedback" -> Service.FEEDBACK;
			default -> throw new IllegalArgumentException("--requests takes me and feedback, not " + name);
		};
		String path = name.equals("me") ? "/api/me" : "/api/feedback?limit=20";
		URI direct = URI.create(this.suite.baseUrl(service) + path);
		URI gateway = URI.create(this.suite.gatewayUrl() + path);
		if (name.equals("feedback")) {
			seedFeedback();
		}
		LoadGenerator load = new LoadGenerator();
		Cpu gatewayCpu = new Cpu(this.suite.service(Service.GATEWAY).pid());
		Cpu serviceCpu = new Cpu(this.suite.service(service).pid());
		Cpu metricsCpu = new Cpu(this.suite.service(Service.METRICS).pid());
		String token = token();
		System.out.printf("%s: GET %s%n", name, path);
		warmUp(load, "direct", get(direct, token), serviceCpu);
		warmUp(load, "gateway", get(gateway, token), gatewayCpu);
		List<Run> directRuns = new ArrayList<>();
		List<Run> gatewayRuns = new ArrayList<>();
		boolean clean = true;
		for (int r = 0; r < this.rounds; r++) {
			String fresh = token();
			for (boolean viaGateway : new boolean[] { false, true }) {
				long gatewayBefore = gatewayCpu.nanos();
				long serviceBefore = serviceCpu.nanos();
				long machineBefore = Cpu.machineNanos();
				long metricsBefore = metricsCpu.nanos();
				LoadGenerator.Result result = load.run(viaGateway ? "gateway" : "direct", this.concurrency, this.round,
						get(viaGateway ? gateway : direct, fresh));
				Run run = new Run(result, (gatewayCpu.nanos() - gatewayBefore) / 1e6 / result.requests(),
						(serviceCpu.nanos() - serviceBefore) / 1e6 / result.requests(),
						(Cpu.machineNanos() - machineBefore) / 1e6 / result.requests());
				System.out.printf(
						"  %s  CPU ms/req: gateway %.3f, service %.3f, metrics-service %.3f, whole machine %.3f%n",
						result, run.gatewayCpuMs(), run.serviceCpuMs(),
						(metricsCpu.nanos() - metricsBefore) / 1e6 / result.requests(), run.machineCpuMs());
				clean &= result.count(200) == result.requests();
				(viaGateway ? gatewayRuns : directRuns).add(run);
			}
		}
		for (int r = 0; r < this.rounds; r++) {
			String fresh = token();
			for (boolean viaGateway : new boolean[] { false, true }) {
				long gatewayBefore = gatewayCpu.nanos();
				long serviceBefore = serviceCpu.nanos();
				long metricsBefore = metricsCpu.nanos();
				LoadGenerator.Result result = load.runAtRate(viaGateway ? "gateway" : "direct", this.rate, this.round,
						get(viaGateway ? gateway : direct, fresh));
				Run run = (viaGateway ? gatewayRuns : directRuns).get(r);
				run.paced = result;
				// the same rate both ways: what each process spends on a request, with
				// its fixed background work shared by as many requests on either path
				run.pacedCpuMs = new double[] { (gatewayCpu.nanos() - gatewayBefore) / 1e6 / result.requests(),
						(serviceCpu.nanos() - serviceBefore) / 1e6 / result.requests(),
						(metricsCpu.nanos() - metricsBefore) / 1e6 / result.requests() };
				System.out.printf("  at %d/s: %s  CPU ms/req: gateway %.3f, service %.3f, metrics-service %.3f%n",
						this.rate, result, run.pacedCpuMs[0], run.pacedCpuMs[1], run.pacedCpuMs[2]);
				clean &= result.count(200) == result.requests();
			}
		}
		double directRps = Statistics.median(directRuns, (run) -> run.flatOut.perSecond());
		double gatewayRps = Statistics.median(gatewayRuns, (run) -> run.flatOut.perSecond());
		double directP50 = Statistics.median(directRuns, (run) -> run.paced.p50Ms());
		double gatewayP50 = Statistics.median(gatewayRuns, (run) -> run.paced.p50Ms());
		double directP99 = Statistics.median(directRuns, (run) -> run.paced.p99Ms());
		double gatewayP99 = Statistics.median(gatewayRuns, (run) -> run.paced.p99Ms());
		table.add(String.format("| GET %s | direct to %s | %.0f | – | %.3f | %.3f | %s | %s |", path, service.module(),
				directRps, Statistics.median(directRuns, Run::serviceCpuMs),
				Statistics.median(directRuns, Run::machineCpuMs), Bench.format(directP50), Bench.format(directP99)));
		table.add(String.format("| GET %s | through the gateway | %.0f | %.3f | %.3f | %.3f | %s | %s |", path,
				gatewayRps, Statistics.median(gatewayRuns, Run::gatewayCpuMs),
				Statistics.median(gatewayRuns, Run::serviceCpuMs), Statistics.median(gatewayRuns, Run::machineCpuMs),
				Bench.format(gatewayP50), Bench.format(gatewayP99)));
		table.add(String.format("| GET %s | gateway ÷ direct; gateway − direct | %.2f | | | %.2f | %+.2f | %+.2f |",
				path, gatewayRps / directRps,
				Statistics.median(gatewayRuns, Run::machineCpuMs) / Statistics.median(directRuns, Run::machineCpuMs),
				gatewayP50 - directP50, gatewayP99 - directP99));
		atRate.add(String.format("| GET %s | direct to %s | – | %.3f | %.3f |", path, service.module(),
				Statistics.median(directRuns, (run) -> run.pacedCpuMs[1]),
				Statistics.median(directRuns, (run) -> run.pacedCpuMs[2])));
		atRate.add(String.format("| GET %s | through the gateway | %.3f | %.3f | %.3f |", path,
				Statistics.median(gatewayRuns, (run) -> run.pacedCpuMs[0]),
				Statistics.median(gatewayRuns, (run) -> run.pacedCpuMs[1]),
				Statistics.median(gatewayRuns, (run) -> run.pacedCpuMs[2])));
		return clean;
	}

	/**
	 * Sends a path's requests until the JIT has settled, judged by the CPU time per
	 * request of the process that answers them ({@code cpu}): at least {@code --warm-up}
	 * seconds, then slices of {@code --seconds} until one costs within 10 % of the one
	 * before, for at most {@code --warm-up-limit} seconds. The gateway's code path is
	 * long and reactive, and the JIT needs tens of thousands of its requests before it
	 * reaches its steady state: on a slow or loaded machine a fixed time is far fewer
	 * requests, and the rounds measured the compiler (6 ms of gateway CPU a request where
	 * a warm one costs under 1 ms).
	 */
	private void warmUp(LoadGenerator load, String label, IntFunction<HttpRequest> requests, Cpu cpu) {
		long limit = System.nanoTime() + this.warmUpLimit.toNanos();
		long before = cpu.nanos();
		LoadGenerator.Result first = load.run("warm-up", this.concurrency, this.warmUp, requests);
		double previous = (cpu.nanos() - before) / 1e6 / Math.max(1, first.requests());
		System.out.printf("  warm-up %s: %.0f req/s, %.3f CPU ms/req over %s%n", label, first.perSecond(), previous,
				this.warmUp);
		while (System.nanoTime() < limit) {
			before = cpu.nanos();
			LoadGenerator.Result slice = load.run("warm-up", this.concurrency, this.round, requests);
			double cost = (cpu.nanos() - before) / 1e6 / Math.max(1, slice.requests());
			System.out.printf("  warm-up %s: %.0f req/s, %.3f CPU ms/req%n", label, slice.perSecond(), cost);
			if (Math.abs(cost - previous) <= 0.1 * previous) {
				return;
			}
			previous = cost;
		}
		System.out.printf("  warm-up %s: not settled within %s%n", label, this.warmUpLimit);
	}

	/** Twenty items of demo-user's, so that the list reads a full page. */
	void seedFeedback() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		String token = token();
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create(this.suite.gatewayUrl() + "/api/feedback"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"bug\",\"message\":\"Benchmark item " + i
							+ ": the sleep chart is empty\",\"rating\":3}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201) {
				throw new IllegalStateException("Seeding feedback: " + response.statusCode() + " " + response.body());
			}
		}
	}

	private String token() {
		return this.suite.tokens().passwordToken("demo-user", "demo-user");
	}

	private static IntFunction<HttpRequest> get(URI uri, String token) {
		HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
		return (i) -> request;
	}

	/** One path's figures in one round: flat out, then paced. */
	private static final class Run {

		private final LoadGenerator.Result flatOut;

		private final double gatewayCpuMs;

		private final double serviceCpuMs;

		private LoadGenerator.Result paced;

		/** At the fixed rate: gateway, service, metrics-service. */
		private double[] pacedCpuMs = new double[3];

		private final double machineCpuMs;

		Run(LoadGenerator.Result flatOut, double gatewayCpuMs, double serviceCpuMs, double machineCpuMs) {
			this.flatOut = flatOut;
			this.gatewayCpuMs = gatewayCpuMs;
			this.serviceCpuMs = serviceCpuMs;
			this.machineCpuMs = machineCpuMs;
		}

		double machineCpuMs() {
			return this.machineCpuMs;
		}

		double gatewayCpuMs() {
			return this.gatewayCpuMs;
		}

		double serviceCpuMs() {
			return this.serviceCpuMs;
		}

	}

	/** CPU time a process has used, user and system. */
	record Cpu(long pid) {

		/**
		 * CPU time the whole machine was busy (every process: load generator, gateway,
		 * services, Redis, Kafka, PostgreSQL), from {@code /proc/stat}; 0 where there is
		 * none.
		 */
		static long machineNanos() {
			try {
				String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
				long busy = 0;
				for (int i = 1; i < fields.length && i <= 8; i++) {
					if (i != 4 && i != 5) {
						busy += Long.parseLong(fields[i]);
					}
				}
				return busy * 10_000_000L;
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		long nanos() {
			return ProcessHandle.of(this.pid)
				.flatMap((process) -> process.info().totalCpuDuration())
				.map(Duration::toNanos)
				.orElse(0L);
		}

	}

}
