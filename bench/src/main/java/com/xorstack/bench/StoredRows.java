package com.xorstack.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The clock of the paths that end in the service, over JDBC. The Kafka path is timed by
 * the last event of each partition: ailog-service stores a partition's events in order, a
 * batch committed before the next is read, so when those few ids are in
 * {@code ai_log_ids} (a primary-key lookup every 20 ms) every event is, which one count
 * of {@code ai_logs} then confirms. Counting {@code ai_logs} itself is what the clock did
 * before: every 100 ms it kept a backend and two parallel workers busy once the table
 * held a million rows (sampled in pg_stat_activity) and slowed the very ingest it timed,
 * and once a second it added up to a second to each time. Counts run without parallel
 * workers.
 */
final class StoredRows {

	private static final Duration POLL = Duration.ofSeconds(1);

	private static final Duration LOOKUP = Duration.ofMillis(20);

	/** A path that stores nothing new for this long has stalled. */
	private static final Duration STALL = Duration.ofSeconds(120);

	private final Connection db;

	StoredRows(Connection db) throws SQLException {
		this.db = db;
		try (Statement statement = db.createStatement()) {
			statement.execute("set max_parallel_workers_per_gather = 0");
		}
	}

	long count() throws SQLException {
		return CopyCeiling.count(this.db, "select count(*) from ai_logs");
	}

	/**
	 * Waits until at least {@code target} rows are stored, or {@code source} failed;
	 * answers the {@link System#nanoTime()} of the count that first saw them.
	 */
	long awaitCount(long target, Future<?> source) throws SQLException, InterruptedException {
		long last = -1;
		long progressed = System.nanoTime();
		while (true) {
			long count = count();
			long now = System.nanoTime();
			if (count >= target || source.state() == Future.State.FAILED) {
				return now;
			}
			if (count != last) {
				last = count;
				progressed = now;
			}
			else if (now - progressed > STALL.toNanos()) {
				System.out.printf("  stalled at %d rows of %d%n", count, target);
				return now;
			}
			Thread.sleep(POLL);
		}
	}

	/**
	 * Waits until {@code produced} completed and the last event of each of its partitions
	 * is stored, then until at least {@code target} rows are (at once, unless an event
	 * was lost); answers the {@link System#nanoTime()} at which both held.
	 */
	long awaitLastOfEachPartition(long target, Future<KafkaIngestPath.Produced> produced)
			throws SQLException, InterruptedException {
		while (!produced.isDone()) {
			Thread.sleep(LOOKUP);
		}
		List<UUID> last;
		try {
			last = produced.get().lastOfEachPartition();
		}
		catch (ExecutionException ex) {
			return System.nanoTime();
		}
		long since = System.nanoTime();
		try (PreparedStatement stored = this.db.prepareStatement("select count(*) from ai_log_ids where id = any(?)")) {
			stored.setArray(1, this.db.createArrayOf("uuid", last.toArray()));
			while (true) {
				try (ResultSet result = stored.executeQuery()) {
					result.next();
					if (result.getLong(1) == last.size()) {
						break;
					}
				}
				if (System.nanoTime() - since > STALL.toNanos()) {
					System.out.printf("  stalled: the last events of the partitions are not all stored%n");
					return System.nanoTime();
				}
				Thread.sleep(LOOKUP);
			}
		}
		long now = System.nanoTime();
		return (count() >= target) ? now : awaitCount(target, produced);
	}

	long awaitCount(long target) throws SQLException, InterruptedException {
		return awaitCount(target, CompletableFuture.completedFuture(null));
	}

	/** The count two seconds later, when a late duplicate would have shown. */
	long settledCount() throws SQLException, InterruptedException {
		Thread.sleep(Duration.ofSeconds(2));
		return count();
	}

}
