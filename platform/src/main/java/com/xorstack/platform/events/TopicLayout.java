package com.xorstack.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Partitions and retention of every topic, as its owner ({@link TopicAccess#owner})
 * declares it at start ({@code TopicBuilder} beans) and as DESIGN.md §5 promises: raw
 * request events 30 days, the unredacted {@code ailog.ingest.v1} one day. Where a topic
 * operator owns the topics (Strimzi's on Kubernetes) its {@code KafkaTopic}s must say the
 * same, or it reverts what a service sets; deploy-tests checks them against this table.
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
	public static final List<TopicLayout> ALL = List.of(new TopicLayout(Topics.FEEDBACK_EVENTS, 2, null, false),
			new TopicLayout(Topics.AUDIT_EVENTS, 2, null, false),
			new TopicLayout(Topics.AUDIT_CHAIN_HEAD, 1, null, true),
			new TopicLayout(Topics.AILOG_INGEST, 3, Duration.ofDays(1), false),
			new TopicLayout(Topics.AILOG_RECORDED, 3, null, false),
			new TopicLayout(Topics.GATEWAY_REQUEST, 3, Duration.ofDays(30), false),
			new TopicLayout(Topics.USAGE_EVENTS, 3, null, false),
			new TopicLayout(Topics.SYSTEM_METRICS, 3, null, false),
			new TopicLayout(Topics.ALERTS_EVENTS, 3, null, false),
			new TopicLayout(Topics.AUTH_ROLE_EVENTS, 2, null, false));

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
				layouts.add(new TopicLayout(Topics.deadLetter(layout.topic()), 1, DEAD_LETTER_RETENTION, false));
			}
		}
		return List.copyOf(layouts);
	}

}
