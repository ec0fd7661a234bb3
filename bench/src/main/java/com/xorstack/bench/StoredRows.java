package com.xorstack.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Counts the rows of {@code ai_logs} over JDBC: the clock of the paths that end in the
 * service. Polled once a second, which bounds the error of a path's time, and without
 * parallel workers: a count of a million rows every 100 ms kept a backend and two workers
 * busy (sampled in pg_stat_activity) and slowed the very ingest it timed.
 */
final class StoredRows {

	private static final Duration POLL = Duration.ofSeconds(1);

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

	long awaitCount(long target) throws SQLException, InterruptedException {
		return awaitCount(target, CompletableFuture.completedFuture(null));
	}

	/** The count two seconds later, when a late duplicate would have shown. */
	long settledCount() throws SQLException, InterruptedException {
		Thread.sleep(Duration.ofSeconds(2));
		return count();
	}

}
