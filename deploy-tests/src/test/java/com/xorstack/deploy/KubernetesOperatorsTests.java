package com.xorstack.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.xorstack.platform.events.TopicLayout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operators need of the rendered overlays beyond their schemas: our policies
 * leave the pods they make alone, and the topics they own say what the services set.
 */
class KubernetesOperatorsTests {

	@Test
	void noNetworkPolicySelectsThePodsOfKafkaPostgresOrKeycloak() {
		for (String overlay : Overlays.ALL) {
			List<Map<String, Object>> operatorPods = operatorPodLabels(overlay);
			for (Map<String, Object> policy : Overlays.ofKind(overlay, "NetworkPolicy")) {
				Map<String, Object> selector = Repo.at(policy, "spec", "podSelector");
				assertThat(selector).as("%s %s selects every pod", overlay, Overlays.name(policy)).isNotEmpty();
				for (Map<String, Object> pod : operatorPods) {
					assertThat(LabelSelectors.matches(selector, pod))
						.as("%s NetworkPolicy %s selects the operator's pod %s", overlay, Overlays.name(policy), pod)
						.isFalse();
				}
			}
		}
	}

	/**
	 * Labels of the pods the operators make: those of the custom resource (Strimzi and
	 * CloudNativePG copy them, our Kustomize `labels:` among them) and their own.
	 */
	private static List<Map<String, Object>> operatorPodLabels(String overlay) {
		List<Map<String, Object>> pods = new ArrayList<>();
		Map<String, Object> kafka = Overlays.get(overlay, "Kafka", "xorstack");
		pods.add(podLabels(kafka, Map.of("strimzi.io/cluster", "xorstack", "strimzi.io/kind", "Kafka",
				"strimzi.io/name", "xorstack-kafka", "strimzi.io/broker-role", "true")));
		pods.add(podLabels(kafka, Map.of("strimzi.io/cluster", "xorstack", "strimzi.io/kind", "Kafka",
				"strimzi.io/name", "xorstack-entity-operator")));
		for (Map<String, Object> pool : Overlays.ofKind(overlay, "KafkaNodePool")) {
			pods.add(podLabels(pool, Map.of("strimzi.io/cluster", "xorstack", "strimzi.io/kind", "Kafka",
					"strimzi.io/pool-name", Overlays.name(pool))));
		}
		pods.add(podLabels(Overlays.get(overlay, "Cluster", "xorstack-pg"),
				Map.of("cnpg.io/cluster", "xorstack-pg", "cnpg.io/instanceRole", "primary")));
		pods.add(podLabels(Overlays.get(overlay, "Keycloak", "xorstack-keycloak"),
				Map.of("app", "keycloak", "app.kubernetes.io/instance", "xorstack-keycloak",
						"app.kubernetes.io/managed-by", "keycloak-operator")));
		return pods;
	}

	private static Map<String, Object> podLabels(Map<String, Object> resource, Map<String, Object> own) {
		Map<String, Object> labels = new HashMap<>(Repo.at(resource, "metadata", "labels"));
		labels.putAll(own);
		return labels;
	}

	@Test
	void everyKafkaTopicHasThePartitionsAndRetentionOfPlatformsTopicLayout() {
		for (String overlay : Overlays.ALL) {
			Map<String, Map<String, Object>> topics = Overlays.ofKind(overlay, "KafkaTopic")
				.stream()
				.collect(Collectors.toMap((topic) -> String.valueOf(Repo.at(topic, "spec").get("topicName")),
						(topic) -> Repo.at(topic, "spec")));
			assertThat(topics.keySet()).as(overlay)
				.containsExactlyInAnyOrderElementsOf(
						TopicLayout.withDeadLetters().stream().map(TopicLayout::topic).toList());
			for (TopicLayout layout : TopicLayout.withDeadLetters()) {
				Map<String, Object> spec = topics.get(layout.topic());
				Map<String, Object> config = Repo.map(spec.get("config"));
				assertThat(((Number) spec.get("partitions")).intValue())
					.as("%s partitions of %s", overlay, layout.topic())
					.isEqualTo(layout.partitions());
				Object retention = config.get("retention.ms");
				if (layout.retention() == null) {
					assertThat(retention).as("%s retention.ms of %s", overlay, layout.topic()).isNull();
				}
				else {
					assertThat(retention).as("%s retention.ms of %s", overlay, layout.topic()).isNotNull();
					assertThat(Long.parseLong(String.valueOf(retention)))
						.as("%s retention.ms of %s", overlay, layout.topic())
						.isEqualTo(layout.retention().toMillis());
				}
				assertThat("compact".equals(config.get("cleanup.policy")))
					.as("%s compaction of %s", overlay, layout.topic())
					.isEqualTo(layout.compacted());
			}
		}
	}

	@Test
	void kafkaRunsAVersionThePinnedStrimziSupports() {
		// Strimzi's own list of the Kafka versions each release runs, from the same tag
		List<Map<String, Object>> versions = Repo
			.list(new Yaml()
				.load(Repo.read("deploy-tests/src/test/resources/schemas/strimzi-1.2.0/kafka-versions.yaml")))
			.stream()
			.map(Repo::map)
			.toList();
		List<String> supported = versions.stream()
			.filter((version) -> Boolean.TRUE.equals(version.get("supported")))
			.map((version) -> String.valueOf(version.get("version")))
			.toList();
		for (String overlay : Overlays.ALL) {
			assertThat(supported).as(overlay)
				.contains(String
					.valueOf(Repo.at(Overlays.get(overlay, "Kafka", "xorstack"), "spec", "kafka").get("version")));
		}
	}

	@Test
	void theDesignsRetentionPromisesAreInTopicLayout() {
		// DESIGN.md §5: raw request events 30 days, ailog.ingest.v1 (text before
		// redaction) 1 day
		assertThat(TopicLayout.of("gateway.request.v1").orElseThrow().retention()).hasDays(30);
		assertThat(TopicLayout.of("ailog.ingest.v1").orElseThrow().retention()).hasDays(1);
		assertThat(ServiceConfiguration.of("gateway").variables())
			.containsEntry("XORSTACK_GATEWAY_REQUESTEVENTS_RETENTION", "30d");
		assertThat(ServiceConfiguration.of("ailog-service").variables()).containsEntry("AILOG_RAW_RETENTION", "1d");
	}

}
