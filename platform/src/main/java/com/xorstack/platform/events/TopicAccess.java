package com.xorstack.platform.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may write and read each topic: the one table from which the devstack's broker ACLs
 * are made and against which the Kafka users of docker-compose.yml and the Kubernetes
 * manifests are checked. A producer owns its topic (creates it, may set its
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
 */
public record TopicAccess(String topic, String owner, List<String> producers, List<String> consumers) {

	/** Every topic of DESIGN.md §4 (dead-letter topics follow from the consumers). */
	public static final List<TopicAccess> ALL = List.of(
			new TopicAccess(Topics.FEEDBACK_EVENTS, KafkaPrincipals.FEEDBACK, List.of(KafkaPrincipals.FEEDBACK),
					List.of(KafkaPrincipals.METRICS)),
			new TopicAccess(Topics.AUDIT_EVENTS, KafkaPrincipals.FEEDBACK, List.of(KafkaPrincipals.FEEDBACK),
					List.of(KafkaPrincipals.AUTH)),
			new TopicAccess(Topics.AUDIT_CHAIN_HEAD, KafkaPrincipals.AUTH, List.of(KafkaPrincipals.AUTH),
					List.of(KafkaPrincipals.AUTH)),
			// ailog-service owns the ingest topic's retention (a day: the text is not yet
			// redacted), though edge functions write it
			new TopicAccess(Topics.AILOG_INGEST, KafkaPrincipals.AILOG, List.of(KafkaPrincipals.EDGE),
					List.of(KafkaPrincipals.AILOG)),
			new TopicAccess(Topics.AILOG_RECORDED, KafkaPrincipals.AILOG, List.of(KafkaPrincipals.AILOG),
					List.of(KafkaPrincipals.METRICS)),
			new TopicAccess(Topics.GATEWAY_REQUEST, KafkaPrincipals.GATEWAY, List.of(KafkaPrincipals.GATEWAY),
					List.of(KafkaPrincipals.METRICS)),
			new TopicAccess(Topics.USAGE_EVENTS, KafkaPrincipals.METRICS, List.of(KafkaPrincipals.EDGE),
					List.of(KafkaPrincipals.METRICS)),
			new TopicAccess(Topics.SYSTEM_METRICS, KafkaPrincipals.METRICS,
					List.of(KafkaPrincipals.EDGE, KafkaPrincipals.FEEDBACK, KafkaPrincipals.METRICS,
							KafkaPrincipals.AILOG, KafkaPrincipals.AUTH, KafkaPrincipals.GATEWAY),
					List.of(KafkaPrincipals.METRICS)),
			new TopicAccess(Topics.ALERTS_EVENTS, KafkaPrincipals.METRICS, List.of(KafkaPrincipals.METRICS), List.of()),
			new TopicAccess(Topics.AUTH_ROLE_EVENTS, KafkaPrincipals.AUTH, List.of(KafkaPrincipals.AUTH), List.of()));

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

}
