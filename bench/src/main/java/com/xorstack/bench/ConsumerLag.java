package com.xorstack.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind the suite's consumers are: the benchmark waits until every group has
 * caught up before it times the next path, so that no path (the ceiling least of all)
 * shares the cores with a consumer still working off the one before (metrics-service
 * turning a path's {@code ailog.recorded.v1} into rollups, say).
 */
final class ConsumerLag implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(200);

	private final Admin admin;

	/**
	 * @param client settings of a Kafka client that may describe every group (the
	 * devstack's administrator)
	 */
	ConsumerLag(Map<String, Object> client) {
		Properties config = new Properties();
		config.putAll(client);
		this.admin = Admin.create(config);
	}

	/** Waits until no group has records left to read, at most {@code max}. */
	void awaitCaughtUp(Duration max) throws InterruptedException, ExecutionException {
		long started = System.nanoTime();
		long behind = behind();
		while (behind > 0 && System.nanoTime() - started < max.toNanos()) {
			Thread.sleep(POLL);
			behind = behind();
		}
		double waited = (System.nanoTime() - started) / 1e9;
		if (behind > 0) {
			System.out.printf("  consumers still %d records behind after %s s%n", behind, Bench.format(waited));
		}
		else if (waited >= 1) {
			System.out.printf("  waited %s s for the consumers to catch up%n", Bench.format(waited));
		}
	}

	/**
	 * Records not yet read (committed) by their group, summed over the groups that have
	 * members: a stopped service's groups (with {@code --services ingest}) never catch
	 * up.
	 */
	long behind() throws InterruptedException, ExecutionException {
		long behind = 0;
		Collection<ConsumerGroupListing> groups = this.admin.listConsumerGroups().all().get();
		for (ConsumerGroupListing group : groups) {
			GroupState state = group.groupState().orElse(GroupState.UNKNOWN);
			if (state == GroupState.EMPTY || state == GroupState.DEAD) {
				continue;
			}
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group.groupId())
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			committed.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResultInfo> ends = this.admin.listOffsets(latest).all().get();
			for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
				if (entry.getValue() != null) {
					behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
				}
			}
		}
		return behind;
	}

	@Override
	public void close() {
		this.admin.close();
	}

}
