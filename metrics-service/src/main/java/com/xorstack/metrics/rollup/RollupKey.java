package com.xorstack.metrics.rollup;

import java.time.Instant;
import java.util.Comparator;

/**
 * One row of a rollup table. Rows are locked in this order, so that two writers never
 * wait on each other in a circle.
 */
record RollupKey(Granularity granularity, String kind, String name, String model, String operation,
		Instant bucket) implements Comparable<RollupKey> {

	private static final Comparator<RollupKey> ORDER = Comparator.comparing(RollupKey::granularity)
		.thenComparing(RollupKey::kind)
		.thenComparing(RollupKey::name)
		.thenComparing(RollupKey::model)
		.thenComparing(RollupKey::operation)
		.thenComparing(RollupKey::bucket);

	static RollupKey of(Granularity granularity, Observation observation, boolean all) {
		return new RollupKey(granularity, observation.kind(), all ? Observation.ALL : observation.name(),
				all ? Observation.ALL : observation.model(), all ? Observation.ALL : observation.operation(),
				granularity.bucket(observation.at()));
	}

	@Override
	public int compareTo(RollupKey other) {
		return ORDER.compare(this, other);
	}

}
