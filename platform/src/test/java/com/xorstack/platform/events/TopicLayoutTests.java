package com.xorstack.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicLayoutTests {

	@Test
	void aServiceDeclaresWhatItWritesAndReadsAndTheDeadLetterTopicsOfWhatItReads() {
		assertThat(names(TopicLayout.declaredBy(KafkaPrincipals.FEEDBACK, Map.of())))
			.containsExactlyInAnyOrder(Topics.FEEDBACK_EVENTS, Topics.AUDIT_EVENTS, Topics.SYSTEM_METRICS);
		assertThat(names(TopicLayout.declaredBy(KafkaPrincipals.AUTH, Map.of()))).containsExactlyInAnyOrder(
				Topics.AUDIT_EVENTS, Topics.deadLetter(Topics.AUDIT_EVENTS), Topics.SYSTEM_METRICS,
				Topics.AUTH_ROLE_EVENTS);
		assertThat(names(TopicLayout.declaredBy(KafkaPrincipals.GATEWAY, Map.of())))
			.containsExactlyInAnyOrder(Topics.GATEWAY_REQUEST, Topics.SYSTEM_METRICS);
		assertThat(TopicLayout.declaredBy(KafkaPrincipals.EDGE, Map.of())).isEmpty();
	}

	@Test
	void everyTopicIsDeclaredByItsOwnerAsTheTableSays() {
		for (TopicAccess access : TopicAccess.ALL) {
			if (access.byPrefix()) {
				continue;
			}
			NewTopic declared = TopicLayout.declaredBy(access.owner(), Map.of())
				.stream()
				.filter((topic) -> topic.name().equals(access.topic()))
				.findFirst()
				.orElseThrow(() -> new AssertionError(access.owner() + " does not declare " + access.topic()));
			assertThat(declared.numPartitions()).as(access.topic()).isEqualTo(access.partitions());
			if (access.retention() != null) {
				assertThat(declared.configs()).as(access.topic())
					.containsEntry("retention.ms", Long.toString(access.retention().toMillis()));
			}
		}
	}

	@Test
	void everyServiceDeclaresATopicAlike() {
		for (String principal : KafkaPrincipals.ALL) {
			for (NewTopic declared : TopicLayout.declaredBy(principal, Map.of())) {
				TopicLayout layout = TopicLayout.of(declared.name()).orElseThrow();
				assertThat(declared).as("%s declares %s", principal, declared.name())
					.isEqualTo(layout.newTopic(layout.topic()));
			}
		}
	}

	@Test
	void theDesignsRetentionPromisesAreKeptAndADeploymentMayChooseItsOwn() {
		assertThat(TopicLayout.of(Topics.GATEWAY_REQUEST).orElseThrow().retention()).hasDays(30);
		assertThat(TopicLayout.of(Topics.AILOG_INGEST).orElseThrow().retention()).hasDays(1);
		assertThat(TopicLayout.of(Topics.deadLetter(Topics.AILOG_INGEST)).orElseThrow().retention()).hasDays(14);
		NewTopic ingest = TopicLayout
			.declaredBy(KafkaPrincipals.AILOG, Map.of(Topics.AILOG_INGEST, Duration.ofHours(6)))
			.stream()
			.filter((topic) -> topic.name().equals(Topics.AILOG_INGEST))
			.findFirst()
			.orElseThrow();
		assertThat(ingest.configs()).containsEntry("retention.ms", Long.toString(Duration.ofHours(6).toMillis()));
	}

	@Test
	void theChainHeadIsCompactedWithOnePartitionUnderItsConfiguredName() {
		NewTopic head = TopicLayout.of(Topics.AUDIT_CHAIN_HEAD).orElseThrow().newTopic("audit.chain-head.v1.test");
		assertThat(head.name()).isEqualTo("audit.chain-head.v1.test");
		assertThat(head.numPartitions()).isOne();
		assertThat(head.configs()).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
	}

	private static List<String> names(List<NewTopic> topics) {
		return topics.stream().map(NewTopic::name).toList();
	}

}
