package com.xorstack.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.jspecify.annotations.Nullable;

/**
 * A topic's partitions and retention, read off {@link TopicAccess}'s table, with the
 * dead-letter topics that follow from it. Services declare theirs at start from it
 * ({@link #declaredBy}); where a topic operator owns the topics (Strimzi's on Kubernetes)
 * its {@code KafkaTopic}s must say the same, or it reverts what a service sets, and
 * deploy-tests checks them against it.
 *
 * @param topic the topic's name
 * @param partitions how many partitions it has
 * @param retention how long the broker keeps a record; {@code null} for the broker's
 * default (seven days), or for a compacted topic, which keeps the newest record per key
 * @param compacted whether the topic is compacted
 */
public record TopicLayout(String topic, int partitions, @Nullable Duration retention, boolean compacted) {

	/**
	 * Dead-letter topics: one partition, kept two weeks for someone to read and replay.
	 */
	public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

	/** Every topic of {@link TopicAccess#ALL}; dead-letter topics follow. */
	public static final List<TopicLayout> ALL = TopicAccess.ALL.stream()
		.map((access) -> new TopicLayout(access.topic(), access.partitions(), access.retention(), access.compacted()))
		.toList();

	private static final Map<String, TopicLayout> BY_TOPIC = withDeadLetters().stream()
		.collect(Collectors.toUnmodifiableMap(TopicLayout::topic, (layout) -> layout));

	public static Optional<TopicLayout> of(String topic) {
		return Optional.ofNullable(BY_TOPIC.get(topic));
	}

	/**
	 * Every topic and the dead-letter topic of each that {@link TopicAccess}
	 * dead-letters.
	 */
	public static List<TopicLayout> withDeadLetters() {
		List<TopicLayout> layouts = new ArrayList<>(ALL);
		for (TopicLayout layout : ALL) {
			if (TopicAccess.of(layout.topic()).map(TopicAccess::deadLettered).orElse(false)) {
				layouts.add(deadLetterOf(layout.topic()));
			}
		}
		return List.copyOf(layouts);
	}

	private static TopicLayout deadLetterOf(String topic) {
		return new TopicLayout(Topics.deadLetter(topic), 1, DEAD_LETTER_RETENTION, false);
	}

	/**
	 * The topics a service declares at start: each it writes or reads, so that neither
	 * its first send nor its consumer waits for the broker to make one (a consumer that
	 * subscribes before its topic exists learns of it only at its next metadata refresh,
	 * minutes later), and the dead-letter topic of each it reads. The owner's declaration
	 * carries the configuration; another's the same, so that whichever service starts
	 * first makes the topic as the table says. Topics granted by prefix (the audit
	 * chain's head) are named by their owner's configuration, which declares them itself
	 * with {@link #newTopic(String)}.
	 * @param principal the service's Kafka principal ({@link KafkaPrincipals})
	 * @param retention retention per topic where a deployment sets its own (the raw
	 * AI-log events, the raw request events)
	 */
	public static List<NewTopic> declaredBy(String principal, Map<String, Duration> retention) {
		List<NewTopic> topics = new ArrayList<>();
		if (principal.equals(KafkaPrincipals.EDGE)) {
			return topics; // edge functions may only write
		}
		for (TopicAccess access : TopicAccess.ALL) {
			boolean writes = access.producers().contains(principal);
			boolean reads = access.consumers().contains(principal);
			if (access.byPrefix() || !(writes || reads || access.owner().equals(principal))) {
				continue;
			}
			TopicLayout layout = of(access.topic()).orElseThrow();
			Duration kept = retention.getOrDefault(access.topic(), layout.retention());
			topics.add(new TopicLayout(layout.topic(), layout.partitions(), kept, layout.compacted())
				.newTopic(layout.topic()));
			if (reads && access.deadLettered()) {
				topics.add(deadLetterOf(access.topic()).newTopic(Topics.deadLetter(access.topic())));
			}
		}
		return topics;
	}

	/** This layout as Spring Kafka's admin declares it, under {@code name}. */
	public NewTopic newTopic(String name) {
		Map<String, String> configs = new HashMap<>();
		if (this.retention != null) {
			configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(this.retention.toMillis()));
		}
		if (this.compacted) {
			configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
		}
		// the broker's replication factor: one in the devstack, three in a cluster
		return new NewTopic(name, Optional.of(this.partitions), Optional.empty()).configs(configs);
	}

}
