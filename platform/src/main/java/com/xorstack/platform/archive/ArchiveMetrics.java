package com.xorstack.platform.archive;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What alerts need to know about archiving one kind of data, tagged {@code data}
 * ({@code deploy/prometheus/alert-rules.yml}): failed archive runs, expired partitions
 * still in the table, and when the newest archive was written (the service sets it from
 * its database at start, so a restart does not forget it).
 */
public class ArchiveMetrics {

	private final Counter failures;

	private final AtomicLong overdue = new AtomicLong();

	/** Epoch seconds of the newest archive; NaN (no series value) before the first. */
	private final AtomicLong newest = new AtomicLong(-1);

	public ArchiveMetrics(MeterRegistry registry, String data) {
		this.failures = Counter.builder("xorstack.archive.failures")
			.description("Archive runs that failed and left a partition in place")
			.tag("data", data)
			.register(registry);
		Gauge.builder("xorstack.archive.overdue.partitions", this.overdue, AtomicLong::get)
			.description("Partitions past retention not yet archived")
			.tag("data", data)
			.register(registry);
		Gauge.builder("xorstack.archive.newest", this.newest, (value) -> (value.get() < 0) ? Double.NaN : value.get())
			.description("When the newest verified archive was written, in seconds since the epoch")
			.baseUnit("timestamp_seconds")
			.tag("data", data)
			.register(registry);
	}

	public void failed() {
		this.failures.increment();
	}

	public void overdue(long partitions) {
		this.overdue.set(partitions);
	}

	public void newest(Instant at) {
		this.newest.accumulateAndGet(at.getEpochSecond(), Math::max);
	}

	public void archived(Instant at) {
		newest(at);
		this.overdue.updateAndGet((value) -> Math.max(0, value - 1));
	}

	public double failureCount() {
		return this.failures.count();
	}

}
