package com.xorstack.ailog.retention;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What alerts need to know about archiving ({@code deploy/prometheus/alert-rules.yml}):
 * failed archive runs, expired partitions still in the table, and when the newest archive
 * was written (from {@code archive_manifests}, so a restart does not forget it).
 */
@Component
class ArchiveMetrics {

	static final String DATA = "ai_logs";

	private final Counter failures;

	private final AtomicLong overdue = new AtomicLong();

	/** Epoch seconds of the newest archive; NaN (no series value) before the first. */
	private final AtomicLong newest = new AtomicLong(-1);

	ArchiveMetrics(MeterRegistry registry) {
		this.failures = Counter.builder("xorstack.archive.failures")
			.description("Archive runs that failed and left a partition in place")
			.tag("data", DATA)
			.register(registry);
		Gauge.builder("xorstack.archive.overdue.partitions", this.overdue, AtomicLong::get)
			.description("Partitions past retention that are not yet archived")
			.tag("data", DATA)
			.register(registry);
		Gauge.builder("xorstack.archive.newest", this.newest, (value) -> (value.get() < 0) ? Double.NaN : value.get())
			.description("When the newest verified archive was written, in seconds since the epoch")
			.baseUnit("timestamp_seconds")
			.tag("data", DATA)
			.register(registry);
	}

	void failed() {
		this.failures.increment();
	}

	void overdue(long partitions) {
		this.overdue.set(partitions);
	}

	void newest(Instant at) {
		this.newest.accumulateAndGet(at.getEpochSecond(), Math::max);
	}

	void archived(Instant at) {
		newest(at);
		this.overdue.updateAndGet((value) -> Math.max(0, value - 1));
	}

	double failureCount() {
		return this.failures.count();
	}

}
