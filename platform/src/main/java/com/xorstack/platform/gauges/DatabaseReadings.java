package com.xorstack.platform.gauges;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.r2dbc.pool.PoolMetrics;
import org.jspecify.annotations.Nullable;

import com.xorstack.platform.gauges.StatementMeter.Measured;
import com.xorstack.platform.gauges.StatementStats.Snapshot;

/**
 * Turns one interval's measurements into readings: for the {@code top} statements by
 * total time and the {@code top} by p95 (one set, so at most twice {@code top}
 * statements, and the label values stay bounded: a 12-digit hash and at most 200
 * characters of text), {@code db.statement.*}; for the pool, {@code db.pool.*}, labelled
 * by service only.
 */
final class DatabaseReadings {

	static final String PREFIX_STATEMENT = "db.statement.";

	static final String PREFIX_POOL = "db.pool.";

	private final String service;

	private final int top;

	DatabaseReadings(String service, int top) {
		this.service = service;
		this.top = top;
	}

	List<GaugeReading> of(Measured measured, @Nullable PoolMetrics pool, Instant at) {
		Stream<GaugeReading> statements = selected(measured.statements()).stream()
			.flatMap((snapshot) -> statement(snapshot, at));
		return Stream.concat(statements, pool(measured, pool, at)).toList();
	}

	private Set<Snapshot> selected(List<Snapshot> statements) {
		Set<Snapshot> selected = new LinkedHashSet<>();
		statements.stream()
			.sorted(Comparator.comparingDouble(Snapshot::totalMs).reversed())
			.limit(this.top)
			.forEach(selected::add);
		statements.stream()
			.sorted(Comparator.comparingDouble(Snapshot::p95Ms).reversed())
			.limit(this.top)
			.forEach(selected::add);
		return selected;
	}

	private Stream<GaugeReading> statement(Snapshot snapshot, Instant at) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("service", this.service);
		labels.put("statement", snapshot.statement().hash());
		labels.put("text", snapshot.statement().text());
		return Stream.of(reading(PREFIX_STATEMENT + "calls", snapshot.calls(), "count", labels, at),
				reading(PREFIX_STATEMENT + "errors", snapshot.errors(), "count", labels, at),
				reading(PREFIX_STATEMENT + "total_ms", round(snapshot.totalMs()), "ms", labels, at),
				reading(PREFIX_STATEMENT + "p95_ms", round(snapshot.p95Ms()), "ms", labels, at),
				reading(PREFIX_STATEMENT + "rows", snapshot.rows(), "count", labels, at));
	}

	private Stream<GaugeReading> pool(Measured measured, @Nullable PoolMetrics pool, Instant at) {
		Map<String, String> labels = Map.of("service", this.service);
		Snapshot acquisitions = measured.acquisitions();
		Stream<GaugeReading> waits = Stream.of(
				reading(PREFIX_POOL + "acquires", acquisitions.calls(), "count", labels, at),
				reading(PREFIX_POOL + "wait_ms", round(acquisitions.p95Ms()), "ms", labels, at));
		if (pool == null) {
			return waits;
		}
		return Stream.concat(waits,
				Stream.of(
						reading(PREFIX_POOL + "in_use", Math.max(measured.peakInUse(), pool.acquiredSize()), "count",
								labels, at),
						reading(PREFIX_POOL + "idle", pool.idleSize(), "count", labels, at),
						reading(PREFIX_POOL + "pending", pool.pendingAcquireSize(), "count", labels, at),
						reading(PREFIX_POOL + "max", pool.getMaxAllocatedSize(), "count", labels, at)));
	}

	private static GaugeReading reading(String name, Number value, String unit, Map<String, String> labels,
			Instant at) {
		return GaugeReading.of(name, value, unit, labels, at);
	}

	/** Microseconds are as fine as a reading needs; fewer digits on the wire. */
	private static double round(double ms) {
		return Math.round(ms * 1000) / 1000.0;
	}

}
