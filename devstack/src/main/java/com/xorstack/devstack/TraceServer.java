package com.xorstack.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Zipkin from its Maven Central exec jar, the trace UI of a local run: the services'
 * agents send it their spans (the agent's Zipkin exporter), it keeps the newest in memory
 * and shows them at {@link #uiUrl()}. Deployments use Jaeger instead; this needs no
 * container and 170 to 270 MB resident.
 */
final class TraceServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	/**
	 * About a thousand requests' traces, the oldest dropped first: what fits the heap
	 * below. 200 000 filled a 96 MB heap during the e2e run, and Zipkin then spent a core
	 * on garbage collection that the suite needed.
	 */
	private static final int MAX_SPANS = 10_000;

	private final ChildProcess process;

	private final int port;

	private TraceServer(ChildProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts Zipkin on loopback and returns once its health check answers. */
	static TraceServer start(JavaRuntime java, Path jar, Path workDir, int port) {
		Artifacts.existing(jar);
		// Small heap, no C2 and a serial collector: a dozen spans a request, read by one
		// person, need little, and the JVM shares two cores with the whole suite.
		List<String> command = List.of(java.java().toString(), "-Xms16m", "-Xmx128m", "-Xss512k", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxDirectMemorySize=32m",
				// should the bound still not hold, stop rather than thrash: the agents
				// drop
				// spans they cannot send
				"-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
				// Armeria's port list, not server.port: only this binds to loopback alone
				"--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
				"--armeria.ports[0].protocols[0]=http", "--zipkin.storage.type=mem",
				"--zipkin.storage.mem.max-spans=" + MAX_SPANS, "--logging.level.root=WARN",
				"--logging.level.com.linecorp.armeria.server.Server=INFO");
		Path log = workDir.resolve("logs").resolve("zipkin.log");
		ChildProcess process = ChildProcess.start("Zipkin", command, Map.of("QUERY_PORT", String.valueOf(port)), log);
		String health = "http://127.0.0.1:" + port + "/health";
		return new TraceServer(process.awaitReady(START_TIMEOUT, () -> Http.ok(health)), port);
	}

	/**
	 * Zipkin's own address: its API under {@code /api/v2}, the UI under {@code /zipkin}.
	 */
	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Where the agents post spans (Zipkin v2 JSON). */
	String spansEndpoint() {
		return url() + "/api/v2/spans";
	}

	String uiUrl() {
		return url() + "/zipkin/";
	}

	/** The page of one trace, the template the console links with. */
	String traceUrlTemplate() {
		return url() + "/zipkin/traces/{traceId}";
	}

	long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.process.close();
	}

	@Override
	public String toString() {
		return "Zipkin at " + url();
	}

}
