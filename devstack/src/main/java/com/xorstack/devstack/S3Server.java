package com.xorstack.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible object store on loopback: Adobe's S3Mock (a Spring Boot exec jar
 * from Maven Central) in a child JVM, with one bucket made at start and its objects kept
 * on disk in the run's work directory. It checks no signatures, so any access key signs
 * in. {@link #stop()} and {@link #restart()} take it away and bring it back on the same
 * port with the same objects, for tests of uploads that an outage interrupts.
 */
public final class S3Server implements AutoCloseable {

	public static final String BUCKET = "xorstack-archive";

	public static final String REGION = "us-east-1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final List<String> command;

	private final Path log;

	private final int port;

	private volatile ChildProcess process;

	private S3Server(List<String> command, Path log, int port) {
		this.command = command;
		this.log = log;
		this.port = port;
		this.process = launch(command, log, port);
	}

	/** Starts S3Mock with its objects under {@code workDir/s3} on a free port. */
	public static S3Server start(Path workDir) {
		Artifacts artifacts = Artifacts.load();
		Path jar = Artifacts.existing(artifacts.s3MockJar());
		int port = Ports.free();
		// S3Mock serves HTTPS on server.port as well: a free port of its own, on loopback
		List<String> command = List.of(JavaRuntime.find().java().toString(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.address=127.0.0.1",
				"--server.port=" + Ports.free(), "--com.adobe.testing.s3mock.httpPort=" + port,
				"--com.adobe.testing.s3mock.store.root=" + workDir.resolve("s3"),
				"--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
				"--com.adobe.testing.s3mock.store.retainFilesOnExit=true", "--spring.main.banner-mode=off",
				// a stop cuts the requests in flight, as an outage would
				"--server.shutdown=immediate");
		return new S3Server(command, workDir.resolve("logs").resolve("s3mock.log"), port);
	}

	private static ChildProcess launch(List<String> command, Path log, int port) {
		ChildProcess process = ChildProcess.start("S3Mock", command, Map.of(), log);
		return process.awaitReady(START_TIMEOUT, () -> Http.ok("http://127.0.0.1:" + port + "/"));
	}

	/** The endpoint to override an S3 client's with (path-style addressing). */
	public String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Stops the server but keeps its objects, see {@link #restart()}. */
	public synchronized void stop() {
		this.process.close();
	}

	/** Starts a stopped server again on the same port with the same objects. */
	public synchronized void restart() {
		if (!this.process.isAlive()) {
			this.process = launch(this.command, this.log, this.port);
		}
	}

	public boolean isRunning() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		this.process.close();
	}

	@Override
	public String toString() {
		return "S3Mock at " + endpoint();
	}

}
