package com.xorstack.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.xorstack.bench.AiCallEvents.AiCall;
import com.xorstack.devstack.Service;
import com.xorstack.devstack.Suite;
import com.xorstack.platform.events.KafkaPrincipals;

/**
 * AI-log ingest: sustained events per second from Kafka into PostgreSQL and through the
 * gateway's {@code POST /api/ai-logs}, beside a raw {@code COPY} of the same kind of rows
 * as the ceiling. Each round makes fresh events for each path; a path's time ends when
 * {@code ai_logs} holds every one of them, and a round fails the run unless it then holds
 * exactly that many more rows: none lost, none doubled.
 */
final class AilogIngestBench {

	private static final String[] PATHS = { "COPY into ai_logs (ceiling)", "Kafka → ailog-service → ai_logs",
			"REST batches → gateway → ailog-service → ai_logs", "Kafka produce only (broker acknowledged)",
			"COPY into an empty twin of ai_logs (earlier ceiling)" };

	/** The longest wait for the consumers to catch up before a path is timed. */
	private static final Duration SETTLE = Duration.ofMinutes(3);

	private final Suite suite;

	private final int events;

	private final int rounds;

	private final int senders;

	private final int batchSize;

	private final int warmUp;

	private final String compression;

	private final String services;

	private final int preload;

	AilogIngestBench(Suite suite, Map<String, String> options) {
		this.suite = suite;
		this.events = Bench.intOption(options, "events", 200_000);
		this.rounds = Bench.intOption(options, "rounds", 3);
		this.senders = Bench.intOption(options, "senders", 4);
		this.batchSize = Bench.intOption(options, "batch", 1000);
		this.warmUp = Bench.intOption(options, "warm-up", 20_000);
		this.compression = options.getOrDefault("compression", "lz4");
		this.services = options.getOrDefault("services", "ingest");
		this.preload = Bench.intOption(options, "preload", 1_000_000);
		if (!List.of("ingest", "all").contains(this.services)) {
			throw new IllegalArgumentException("--services is ingest or all, not " + this.services);
		}
	}

	int run() throws Exception {
		if (this.services.equals("ingest")) {
			// What issue #6 names: the broker, the service and PostgreSQL (and, for
			// REST, the gateway and Keycloak's keys). The services off the path would
			// only share the two cores; metrics-service consuming ailog.recorded.v1 is
			// measured with --services all.
			for (Service service : List.of(Service.METRICS, Service.AUTH, Service.FEEDBACK)) {
				this.suite.service(service).stop();
			}
		}
		System.out.println("Services running: " + Arrays.stream(Service.values())
			.filter((service) -> this.suite.service(service).isRunning())
			.map(Service::module)
			.collect(Collectors.joining(", ")));
		System.out.printf(
				"AI-log ingest: %d events a path, %d rounds; Kafka compression %s; REST %d senders"
						+ " of %d-event batches%n",
				this.events, this.rounds, this.compression, this.senders, this.batchSize);
		CopyCeiling copy = new CopyCeiling(this.suite.devStack());
		KafkaIngestPath kafka = new KafkaIngestPath(this.suite.devStack().kafkaClientProperties(KafkaPrincipals.EDGE),
				this.compression);
		RestIngestPath rest = new RestIngestPath(this.suite.gatewayUrl(), this.senders);
		Map<String, List<Double>> seconds = new LinkedHashMap<>();
		for (String path : PATHS) {
			seconds.put(path, new ArrayList<>());
		}
		boolean clean = true;
		try (Connection db = copy.connect();
				ConsumerLag lag = new ConsumerLag(this.suite.devStack().kafkaClientProperties("admin"))) {
			StoredRows rows = new StoredRows(db);
			if (this.preload > 0) {
				long started = System.nanoTime();
				copy.preload(this.preload);
				System.out.printf("preloaded %d calls into ai_logs and ai_log_ids in %s s%n", this.preload,
						Bench.format((System.nanoTime() - started) / 1e9));
			}
			System.out.println("warm-up: " + this.warmUp + " events each way");
			clean &= kafka(kafka, rows, this.warmUp, 0, null);
			clean &= rest(rest, rows, this.warmUp, 0, null);
			for (int round = 1; round <= this.rounds; round++) {
				lag.awaitCaughtUp(SETTLE);
				CopyCeiling.Measured copied = copy.copyIntoAiLogs(AiCallEvents.generate(this.events, 3000 + round));
				System.out.printf("  round %d COPY into ai_logs: %s s%n", round, Bench.format(copied.seconds()));
				seconds.get(PATHS[0]).add(copied.seconds());
				clean &= check("COPY", copied.stored(), this.events);
				CopyCeiling.Measured twin = copy.copyIntoEmptyTwin(AiCallEvents.generate(this.events, round));
				System.out.printf("  round %d COPY into an empty twin: %s s%n", round, Bench.format(twin.seconds()));
				seconds.get(PATHS[4]).add(twin.seconds());
				clean &= check("COPY (twin)", twin.stored(), this.events);
				lag.awaitCaughtUp(SETTLE);
				clean &= kafka(kafka, rows, this.events, round, seconds);
				lag.awaitCaughtUp(SETTLE);
				clean &= rest(rest, rows, this.events, round, seconds);
			}
		}
		print(seconds);
		if (!clean) {
			System.out.println("NOT CLEAN: some events were lost or doubled (see above)");
			return 1;
		}
		return 0;
	}

	private boolean kafka(KafkaIngestPath kafka, StoredRows rows, int count, int round,
			Map<String, List<Double>> seconds) throws Exception {
		List<ProducerRecord<String, byte[]>> records = KafkaIngestPath
			.records(AiCallEvents.generate(count, 1000 + round));
		long before = rows.count();
		// A thread of its own, not the common pool: Kafka loads its classes through the
		// thread's context class loader, which is the executable jar's only here.
		KafkaIngestPath.Produced sent;
		long storedAt;
		long startedMillis = System.currentTimeMillis();
		try (ExecutorService producer = Executors.newSingleThreadExecutor()) {
			Future<KafkaIngestPath.Produced> produced = producer.submit(() -> kafka.produce(records));
			storedAt = rows.awaitLastOfEachPartition(before + count, produced);
			sent = produced.get();
		}
		double endToEnd = (storedAt - sent.startedNanos()) / 1e9;
		System.out.printf("  %s Kafka: produced in %s s, all stored after %s s%s%n", label(round),
				Bench.format(sent.seconds()), Bench.format(endToEnd), epochs(startedMillis, endToEnd));
		if (seconds != null) {
			seconds.get(PATHS[1]).add(endToEnd);
			seconds.get(PATHS[3]).add(sent.seconds());
		}
		return check("Kafka", rows.settledCount() - before, count);
	}

	private boolean rest(RestIngestPath rest, StoredRows rows, int count, int round, Map<String, List<Double>> seconds)
			throws Exception {
		List<byte[]> bodies = RestIngestPath.bodies(AiCallEvents.generate(count, 2000 + round), this.batchSize);
		String token = this.suite.tokens().clientCredentialsToken("edge-functions", "edge-functions-secret");
		long before = rows.count();
		long startedMillis = System.currentTimeMillis();
		long started = System.nanoTime();
		RestIngestPath.Sent sent = rest.send(bodies, token);
		long storedAt = rows.awaitCount(before + count);
		double endToEnd = (storedAt - started) / 1e9;
		System.out.printf("  %s REST: %d accepted, statuses %s, all stored after %s s%s%n", label(round),
				sent.accepted(), sent.statuses(), Bench.format(endToEnd), epochs(startedMillis, endToEnd));
		if (seconds != null) {
			seconds.get(PATHS[2]).add(endToEnd);
		}
		return check("REST", rows.settledCount() - before, count);
	}

	/** The path's window in epoch seconds, for bench/scripts/cpu_window.py. */
	private static String epochs(long startedMillis, double seconds) {
		return String.format(Locale.ROOT, " (epoch %.1f to %.1f)", startedMillis / 1e3, startedMillis / 1e3 + seconds);
	}

	private static String label(int round) {
		return (round == 0) ? "warm-up" : "round " + round;
	}

	private static boolean check(String path, long stored, long expected) {
		if (stored != expected) {
			System.out.printf("MISMATCH on %s: %d rows stored for %d events%n", path, stored, expected);
			return false;
		}
		return true;
	}

	private void print(Map<String, List<Double>> seconds) {
		double ceiling = this.events / Statistics.median(seconds.get(PATHS[0]), Double::doubleValue);
		double twin = this.events / Statistics.median(seconds.get(PATHS[4]), Double::doubleValue);
		System.out.println();
		System.out
			.println("| path | events | seconds (median) | events/s | ratio to COPY | ratio to empty-twin COPY |");
		System.out.println("|---|---|---|---|---|---|");
		seconds.forEach((path, values) -> {
			double median = Statistics.median(values, Double::doubleValue);
			double rate = this.events / median;
			System.out.printf("| %s | %d | %s | %.0f | %s | %s |%n", path, this.events, Bench.format(median), rate,
					Bench.format(rate / ceiling), Bench.format(rate / twin));
		});
		seconds.forEach((path, values) -> System.out.println(path + " seconds per round: " + values));
	}

}
