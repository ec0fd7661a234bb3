package com.xorstack.metrics.rollup;

import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes straight into metrics-service's rollup tables exactly the rows that a number of
 * API requests and AI calls spread over a span would have produced through
 * {@link RollupWriter}: every event is folded with {@link Aggregate#add} into its
 * labelled row and into the {@code *} row of its kind, minute rows are merged into hour
 * and day rows, and sketches are stored with {@link Sketches#encode} next to the
 * quantiles the writer stores ({@link Sketches#quantileText}). Minute rows only for
 * buckets the service keeps ({@code minuteRetention}); hour and day rows for all. Rows go
 * in by {@code COPY}, one connection per table. Lives in the service's package (on the
 * classpath, not a module) so that it uses the very classes the writer uses.
 */
public final class RollupLoader {

	private static final String COLUMNS = "(kind, name, model, operation, bucket, calls, errors, duration_sum_ms,"
			+ " timed_calls, input_tokens, output_tokens, cost_usd, unpriced_calls, sketch, p50_ms, p95_ms, p99_ms)";

	private final String jdbcUrl;

	private final String user;

	private final String password;

	private final Instant now;

	private final Duration minuteRetention;

	private final Map<Granularity, CopyIn> copies = new EnumMap<>(Granularity.class);

	private final Map<Granularity, Long> rows = new EnumMap<>(Granularity.class);

	private final HexFormat hex = HexFormat.of();

	public RollupLoader(String jdbcUrl, String user, String password, Instant now, Duration minuteRetention) {
		this.jdbcUrl = jdbcUrl;
		this.user = user;
		this.password = password;
		this.now = now;
		this.minuteRetention = minuteRetention;
	}

	/** Answers the observations of one minute bucket, in any order. */
	public interface Traffic {

		List<Observation> minute(Instant bucket);

	}

	/**
	 * Loads every minute of {@code [from, to)} (whole minutes); answers the rows written
	 * per table.
	 */
	public Map<String, Long> load(Instant from, Instant to, Traffic traffic) throws SQLException {
		List<Connection> connections = new ArrayList<>();
		try {
			makePartitions(from, to);
			for (Granularity granularity : Granularity.values()) {
				Connection connection = connect();
				connections.add(connection);
				this.copies.put(granularity,
						connection.unwrap(PGConnection.class)
							.getCopyAPI()
							.copyIn("copy " + granularity.table() + " " + COLUMNS + " from stdin (format csv)"));
				this.rows.put(granularity, 0L);
			}
			fold(from, to, traffic);
			for (CopyIn copy : this.copies.values()) {
				copy.endCopy();
			}
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("analyze rollup_minute, rollup_hour, rollup_day");
			}
		}
		finally {
			for (Connection connection : connections) {
				closeQuietly(connection);
			}
		}
		Map<String, Long> written = new LinkedHashMap<>();
		this.rows.forEach((granularity, count) -> written.put(granularity.table(), count));
		return written;
	}

	private void fold(Instant from, Instant to, Traffic traffic) throws SQLException {
		Map<RollupKey, Aggregate> hours = new LinkedHashMap<>();
		Map<RollupKey, Aggregate> days = new LinkedHashMap<>();
		Instant hour = Granularity.HOUR.bucket(from);
		Instant day = Granularity.DAY.bucket(from);
		for (Instant minute = from; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
			if (!Granularity.HOUR.bucket(minute).equals(hour)) {
				rollUp(hours, days, Granularity.DAY);
				hour = Granularity.HOUR.bucket(minute);
			}
			if (!Granularity.DAY.bucket(minute).equals(day)) {
				flush(days);
				day = Granularity.DAY.bucket(minute);
			}
			Map<RollupKey, Aggregate> minutes = new LinkedHashMap<>();
			for (Observation observation : traffic.minute(minute)) {
				for (boolean all : new boolean[] { true, false }) {
					minutes.computeIfAbsent(RollupKey.of(Granularity.MINUTE, observation, all), (k) -> new Aggregate())
						.add(observation);
				}
			}
			boolean kept = !minute.isBefore(this.now.minus(this.minuteRetention));
			if (kept) {
				for (Map.Entry<RollupKey, Aggregate> row : minutes.entrySet()) {
					write(row.getKey(), row.getValue());
				}
			}
			minutes.forEach((key, sums) -> merge(hours, key, Granularity.HOUR, sums));
		}
		rollUp(hours, days, Granularity.DAY);
		flush(days);
	}

	private void rollUp(Map<RollupKey, Aggregate> hours, Map<RollupKey, Aggregate> days, Granularity into)
			throws SQLException {
		for (Map.Entry<RollupKey, Aggregate> row : hours.entrySet()) {
			merge(days, row.getKey(), into, row.getValue());
		}
		flush(hours);
	}

	private void flush(Map<RollupKey, Aggregate> rows) throws SQLException {
		for (Map.Entry<RollupKey, Aggregate> row : rows.entrySet()) {
			write(row.getKey(), row.getValue());
		}
		rows.clear();
	}

	private static void merge(Map<RollupKey, Aggregate> into, RollupKey key, Granularity granularity, Aggregate sums) {
		RollupKey coarser = new RollupKey(granularity, key.kind(), key.name(), key.model(), key.operation(),
				granularity.bucket(key.bucket()));
		Aggregate target = into.computeIfAbsent(coarser, (k) -> new Aggregate());
		target.addRow(sums.calls, sums.errors, sums.durationSumMs, sums.timedCalls, sums.inputTokens, sums.outputTokens,
				sums.costUsd, sums.unpricedCalls, null);
		target.sketch.mergeWith(sums.sketch);
	}

	private void write(RollupKey key, Aggregate sums) throws SQLException {
		String line = quoted(key.kind()) + ',' + quoted(key.name()) + ',' + quoted(key.model()) + ','
				+ quoted(key.operation()) + ',' + key.bucket().atOffset(ZoneOffset.UTC) + ',' + sums.calls + ','
				+ sums.errors + ',' + sums.durationSumMs + ',' + sums.timedCalls + ',' + sums.inputTokens + ','
				+ sums.outputTokens + ',' + sums.costUsd.setScale(8, RoundingMode.HALF_UP).toPlainString() + ','
				+ sums.unpricedCalls + ",\\x" + this.hex.formatHex(Sketches.encode(sums.sketch)) + ','
				+ Sketches.quantileText(sums.sketch, 0.50) + ',' + Sketches.quantileText(sums.sketch, 0.95) + ','
				+ Sketches.quantileText(sums.sketch, 0.99) + '\n';
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		this.copies.get(key.granularity()).writeToCopy(bytes, 0, bytes.length);
		this.rows.merge(key.granularity(), 1L, Long::sum);
	}

	/** Quoted, so that an empty label stays an empty string and never becomes NULL. */
	private static String quoted(String value) {
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	/** The service's own partition layout and names, made as its writer makes them. */
	private void makePartitions(Instant from, Instant to) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (Granularity granularity : Granularity.values()) {
				TreeSet<Instant> starts = new TreeSet<>();
				Instant first = (granularity == Granularity.MINUTE) ? this.now.minus(this.minuteRetention) : from;
				for (Instant day = first.truncatedTo(ChronoUnit.DAYS); day
					.isBefore(to.plus(Duration.ofDays(2))); day = day.plus(Duration.ofDays(1))) {
					starts.add(granularity.partitionStart(day));
				}
				for (Instant start : starts) {
					statement.execute("create table if not exists " + granularity.partitionName(start)
							+ " partition of " + granularity.table() + " for values from ('" + start + "') to ('"
							+ granularity.partitionEnd(start) + "')");
				}
			}
		}
	}

	/** A failed close must not hide the failure that ended the load. */
	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			System.err.println("Closing a COPY connection failed: " + ex.getMessage());
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.user, this.password);
	}

}
