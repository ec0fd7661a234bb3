package com.xorstack.metrics.uptime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.metrics.MetricsIntegrationTest;

/**
 * Issue 22's benchmark, not a test: 1 000 HTTP checks at a 30 s interval against a local
 * server in a process of its own (Python's threading HTTP server, so its CPU is not the
 * checker's), run round after round as the scheduler would; prints the checker JVM's CPU
 * per round (as a share of the 30 s a round may take), the wall time of a round, and the
 * growth of the result store per run and per day. Run with
 * {@code -Dxorstack.bench.uptime=true -Dtest=UptimeBenchmarkTests}; docs/BENCHMARKS.md
 * has the numbers.
 */
@EnabledIfSystemProperty(named = "xorstack.bench.uptime", matches = "true")
class UptimeBenchmarkTests extends MetricsIntegrationTest {

	static final int CHECKS = Integer.getInteger("xorstack.bench.uptime.checks", 1000);

	static final int ROUNDS = Integer.getInteger("xorstack.bench.uptime.rounds", 20);

	static final int WARM_UP = 3;

	static final Duration TIMEOUT = Duration.ofMinutes(5);

	@Autowired
	UptimeCheckRepository checks;

	@Autowired
	UptimeRunner runner;

	@Autowired
	DatabaseClient db;

	@Test
	void thousandChecksEveryThirtySeconds() throws Exception {
		int port = freePort();
		Process server = new ProcessBuilder("python3", "-c", """
				import http.server, socketserver
				class H(http.server.BaseHTTPRequestHandler):
				    def do_GET(self):
				        self.send_response(200); self.send_header('Content-Length', '2'); self.end_headers()
				        self.wfile.write(b'ok')
				    def log_message(self, *a): pass
				http.server.ThreadingHTTPServer.daemon_threads = True
				http.server.ThreadingHTTPServer.request_queue_size = 256
				http.server.ThreadingHTTPServer(('127.0.0.1', %d), H).serve_forever()
				""".formatted(port)).inheritIO().start();
		List<UUID> made = new ArrayList<>();
		try {
			awaitListening(port);
			Instant created = Instant.now();
			for (int i = 0; i < CHECKS; i++) {
				CheckSpec spec = new CheckSpec("bench " + i + " " + UUID.randomUUID(), "http",
						new CheckSpec.Target("http://127.0.0.1:" + port + "/health/" + i, "GET", null, null, null, null,
								null),
						Duration.ofSeconds(10), Duration.ofSeconds(30), 2);
				made.add(this.checks.insert(spec, "bench", created).block(TIMEOUT).id());
			}
			Instant base = created.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
			for (int round = 0; round < WARM_UP; round++) {
				runRound(base.plusSeconds(30L * round));
			}
			long bytesBefore = storeBytes();
			long rowsBefore = rows();
			var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			long cpuBefore = os.getProcessCpuTime();
			long postgresBefore = postgresCpuSeconds();
			long wallBefore = System.nanoTime();
			long slowest = 0;
			long ran = 0;
			for (int round = WARM_UP; round < WARM_UP + ROUNDS; round++) {
				long start = System.nanoTime();
				ran += runRound(base.plusSeconds(30L * round));
				slowest = Math.max(slowest, System.nanoTime() - start);
			}
			double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
			long postgresSeconds = postgresCpuSeconds() - postgresBefore;
			double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
			long bytes = storeBytes() - bytesBefore;
			long newRows = rows() - rowsBefore;
			double perRun = (double) bytes / newRows;
			String report = """
					uptime benchmark: %d checks, %d rounds (%d runs, %d result rows), %d cores
					checker JVM CPU: %.2f s in all, %.3f s per round = %.2f %% of one core at a 30 s interval
					wall time per round: mean %.2f s, slowest %.2f s (a round must end within 30 s)
					PostgreSQL (every postgres process on the machine, others' work included): %d s CPU in all
					result store: %d bytes for %d rows = %.1f bytes per run (table, index, TOAST, daily rows)
					per day at this rate: %.0f runs, %.1f MB
					""".formatted(CHECKS, ROUNDS, ran, newRows, Runtime.getRuntime().availableProcessors(), cpuSeconds,
					cpuSeconds / ROUNDS, 100 * cpuSeconds / ROUNDS / 30, wallSeconds / ROUNDS, slowest / 1e9,
					postgresSeconds, bytes, newRows, perRun, CHECKS * 2880.0, perRun * CHECKS * 2880 / 1e6);
			System.out.println(report);
			Files.writeString(Path.of("target", "uptime-benchmark.txt"), report);
		}
		finally {
			server.destroy();
			for (UUID id : made) {
				this.checks.delete(id).block(TIMEOUT);
			}
		}
	}

	/** Runs every check due at {@code at}, batch after batch, as ticks would. */
	private long runRound(Instant at) {
		long total = 0;
		long ran;
		do {
			ran = this.runner.runDue(at).block(TIMEOUT);
			total += ran;
		}
		while (ran > 0);
		return total;
	}

	private long storeBytes() {
		this.db.sql("vacuum analyze uptime_results").then().onErrorComplete().block(TIMEOUT);
		return this.db
			.sql("select pg_total_relation_size('uptime_results') + pg_total_relation_size('uptime_daily') as bytes")
			.map((row) -> row.get("bytes", Long.class))
			.one()
			.block(TIMEOUT);
	}

	private long rows() {
		return this.db.sql("select count(*) as n from uptime_results")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(TIMEOUT);
	}

	/** CPU seconds of the machine's postgres processes, from ps (whole seconds). */
	private static long postgresCpuSeconds() throws IOException, InterruptedException {
		Process ps = new ProcessBuilder("ps", "-C", "postgres", "-o", "cputimes=").start();
		String out = new String(ps.getInputStream().readAllBytes());
		ps.waitFor();
		return out.lines().map(String::strip).filter((line) -> !line.isEmpty()).mapToLong(Long::parseLong).sum();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void awaitListening(int port) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("the benchmark's server did not start");
	}

}
