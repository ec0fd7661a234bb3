package com.xorstack.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import static com.xorstack.platform.events.KafkaPrincipals.AILOG;
import static com.xorstack.platform.events.KafkaPrincipals.AUTH;
import static com.xorstack.platform.events.KafkaPrincipals.EDGE;
import static com.xorstack.platform.events.KafkaPrincipals.FEEDBACK;
import static com.xorstack.platform.events.KafkaPrincipals.GATEWAY;
import static com.xorstack.platform.events.KafkaPrincipals.METRICS;

/**
 * The one table of the suite's topics: for each, its layout (partitions, retention,
 * compaction) and who may write and read it. Everything else follows from it: the
 * devstack's broker ACLs ({@link #grants}), the topics each service declares at start
 * ({@link TopicLayout#declaredBy}, auto-configured in platform), and the checks of the
 * Kafka users of docker-compose.yml and of the Kubernetes {@code KafkaTopic}s and
 * {@code KafkaUser}s (deploy-tests). A producer owns its topic (declares its
 * configuration); a consumer reads it in consumer groups named with its
 * {@link KafkaPrincipals#groupPrefix group prefix} and writes its dead-letter topic.
 * <p>
 * The broker cannot tell a consumer who wrote a record, so consumers also check
 * {@code ce_source} against the table ({@link #acceptsSource}): a topic of the suite's
 * own services takes only their sources; a topic that edge functions write takes any
 * source but that of a service that does not write it.
 *
 * @param topic the topic's name
 * @param owner the service that declares the topic's configuration
 * @param producers the principals that write it
 * @param consumers the principals that read it
 * @param partitions how many partitions it has
 * @param retention how long the broker keeps a record; {@code null} for the broker's
 * default (seven days), or for a compacted topic, which keeps the newest record per key
 * @param compacted whether the topic is compacted
 */
public record TopicAccess(String topic, String owner, List<String> producers, List<String> consumers, int partitions,
		@Nullable Duration retention, boolean compacted) {

	/**
	 * Every topic of DESIGN.md §4 (dead-letter topics follow from the consumers), with
	 * the retention §5 promises: raw request events 30 days, the unredacted
	 * {@code ailog.ingest.v1} one day.
	 */
	public static final List<TopicAccess> ALL = List.of(
			topic(Topics.FEEDBACK_EVENTS, 2).ownedBy(FEEDBACK).writtenBy(FEEDBACK).readBy(METRICS),
			topic(Topics.AUDIT_EVENTS, 2).ownedBy(FEEDBACK).writtenBy(FEEDBACK).readBy(AUTH),
			// one partition, so that the newest record is the head of the audit chain
			topic(Topics.AUDIT_CHAIN_HEAD, 1).compact().ownedBy(AUTH).writtenBy(AUTH).readBy(AUTH),
			// ailog-service owns the ingest topic's retention (a day: the text is not yet
			// redacted), though edge functions write it
			topic(Topics.AILOG_INGEST, 3).keptFor(Duration.ofDays(1)).ownedBy(AILOG).writtenBy(EDGE).readBy(AILOG),
			topic(Topics.AILOG_RECORDED, 3).ownedBy(AILOG).writtenBy(AILOG).readBy(METRICS),
			topic(Topics.GATEWAY_REQUEST, 3).keptFor(Duration.ofDays(30))
				.ownedBy(GATEWAY)
				.writtenBy(GATEWAY)
				.readBy(METRICS),
			topic(Topics.USAGE_EVENTS, 3).ownedBy(METRICS).writtenBy(EDGE).readBy(METRICS),
			topic(Topics.SYSTEM_METRICS, 3).ownedBy(METRICS)
				.writtenBy(EDGE, FEEDBACK, METRICS, AILOG, AUTH, GATEWAY)
				.readBy(METRICS),
			topic(Topics.ALERTS_EVENTS, 3).ownedBy(METRICS).writtenBy(METRICS).readBy(),
			topic(Topics.AUTH_ROLE_EVENTS, 2).ownedBy(AUTH).writtenBy(AUTH).readBy());

	private static final Map<String, TopicAccess> BY_TOPIC = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(TopicAccess::topic, (access) -> access));

	public TopicAccess {
		producers = List.copyOf(producers);
		consumers = List.copyOf(consumers);
	}

	public static Optional<TopicAccess> of(String topic) {
		return Optional.ofNullable(BY_TOPIC.get(topic));
	}

	/**
	 * Whether access is granted to every topic whose name starts with this one's: only
	 * for the audit chain's head, whose one user, auth-service, may keep a second chain
	 * (tests keep one per database) on a topic of its own.
	 */
	public boolean byPrefix() {
		return this.topic.equals(Topics.AUDIT_CHAIN_HEAD);
	}

	/**
	 * Whether the topic has a dead-letter topic: when another service consumes it. The
	 * audit chain's head is read back by its own writer, which does not dead-letter a bad
	 * head but reports it (verify fails).
	 */
	public boolean deadLettered() {
		return !this.consumers.isEmpty() && !this.consumers.equals(this.producers);
	}

	/**
	 * Every ACL of the suite: a producer writes its topic; a consumer reads it in groups
	 * with its prefix and writes its dead-letter topic; a service may describe and create
	 * the topics it uses (each declares them at start), and the owner alone may change a
	 * topic's configuration and partitions. Edge functions may only write.
	 */
	public static List<KafkaGrant> grants() {
		List<KafkaGrant> grants = new ArrayList<>();
		for (TopicAccess access : ALL) {
			String topic = access.topic();
			boolean prefixed = access.byPrefix();
			for (String producer : access.producers()) {
				topicGrants(grants, producer, topic, prefixed, "Write", "Describe");
				if (!producer.equals(KafkaPrincipals.EDGE)) {
					topicGrants(grants, producer, topic, prefixed, "Create", "DescribeConfigs");
				}
			}
			for (String consumer : access.consumers()) {
				topicGrants(grants, consumer, topic, prefixed, "Read", "Describe", "Create", "DescribeConfigs");
				if (access.deadLettered()) {
					topicGrants(grants, consumer, Topics.deadLetter(topic), false, "Write", "Describe", "Create",
							"DescribeConfigs");
				}
			}
			topicGrants(grants, access.owner(), topic, prefixed, "Describe", "AlterConfigs", "Alter");
		}
		for (String principal : KafkaPrincipals.ALL) {
			String prefix = KafkaPrincipals.groupPrefix(principal);
			if (prefix != null) {
				grants.add(new KafkaGrant(principal, "group", prefix, true, "Read"));
				grants.add(new KafkaGrant(principal, "group", prefix, true, "Describe"));
			}
		}
		return grants.stream().distinct().toList();
	}

	private static void topicGrants(List<KafkaGrant> grants, String principal, String topic, boolean prefixed,
			String... operations) {
		for (String operation : operations) {
			grants.add(new KafkaGrant(principal, "topic", topic, prefixed, operation));
		}
	}

	/**
	 * Whether a record of this topic may carry {@code ce_source} {@code source}: one of
	 * its producing services', or, where edge functions write, any but a service's that
	 * does not write it.
	 */
	public boolean acceptsSource(String source) {
		Set<String> services = KafkaPrincipals.ALL.stream()
			.filter((principal) -> !principal.equals(KafkaPrincipals.EDGE))
			.collect(Collectors.toSet());
		for (String service : services) {
			if (KafkaPrincipals.source(service).equals(source)) {
				return this.producers.contains(service);
			}
		}
		return this.producers.contains(KafkaPrincipals.EDGE);
	}

	private static Builder topic(String topic, int partitions) {
		return new Builder(topic, partitions, null, false, "", List.of());
	}

	/**
	 * Reads as a row of the table: name and partitions, then owner, producers, consumers.
	 */
	private record Builder(String topic, int partitions, @Nullable Duration retention, boolean compacted, String owner,
			List<String> producers) {

		Builder keptFor(Duration retention) {
			return new Builder(this.topic, this.partitions, retention, this.compacted, this.owner, this.producers);
		}

		Builder compact() {
			return new Builder(this.topic, this.partitions, this.retention, true, this.owner, this.producers);
		}

		Builder ownedBy(String owner) {
			return new Builder(this.topic, this.partitions, this.retention, this.compacted, owner, this.producers);
		}

		Builder writtenBy(String... producers) {
			return new Builder(this.topic, this.partitions, this.retention, this.compacted, this.owner,
					List.of(producers));
		}

		TopicAccess readBy(String... consumers) {
			return new TopicAccess(this.topic, this.owner, this.producers, List.of(consumers), this.partitions,
					this.retention, this.compacted);
		}

	}

}
