package com.xorstack.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay, rendered as {@code kubectl apply -k} would send it, against the schemas
 * of the Kubernetes version and the operators we target (pinned in
 * src/test/resources/schemas): an object of a version no operator serves any more, or
 * with a field its schema does not know, fails here rather than in the cluster.
 */
class KubernetesSchemaTests {

	@Test
	void everyObjectOfEveryOverlayIsValidAgainstThePinnedSchemas() {
		List<String> violations = new ArrayList<>();
		for (String overlay : Overlays.ALL) {
			for (Map<String, Object> object : Overlays.render(overlay)) {
				for (String violation : Schemas.violations(object)) {
					violations.add(overlay + " " + object.get("kind") + " " + Overlays.name(object) + ": " + violation);
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void customResourcesUseTheVersionTheirOperatorStores() {
		for (String overlay : Overlays.ALL) {
			for (Map<String, Object> object : Overlays.render(overlay)) {
				String apiVersion = String.valueOf(object.get("apiVersion"));
				String kind = String.valueOf(object.get("kind"));
				assertThat(apiVersion).as("%s %s", kind, Overlays.name(object)).doesNotContain("v1beta2", "v2alpha1");
				Schemas.stored(apiVersion, kind)
					.ifPresent((stored) -> assertThat(stored).as("%s %s of %s", kind, Overlays.name(object), apiVersion)
						.isTrue());
			}
		}
	}

	@Test
	void theValidatorRefusesWhatTheClusterWould() {
		// a field Kubernetes does not know, a v1beta2 Kafka (gone in Strimzi 1.0), a
		// topic
		// without its cluster's label: the checks above are only as good as this
		Map<String, Object> deployment = new java.util.HashMap<>(Overlays.get("prod", "Deployment", "gateway"));
		deployment.put("spec", Map.of("replica", 2));
		assertThat(Schemas.violations(deployment)).isNotEmpty();
		Map<String, Object> kafka = new java.util.HashMap<>(Overlays.get("prod", "Kafka", "xorstack"));
		kafka.put("apiVersion", "kafka.strimzi.io/v1beta2");
		assertThat(Schemas.violations(kafka)).containsExactly("no pinned schema serves kafka.strimzi.io/v1beta2 Kafka");
		Map<String, Object> topic = new java.util.HashMap<>(Overlays.get("prod", "KafkaTopic", "gateway-request-v1"));
		topic.put("spec", Map.of("partitions", "three"));
		assertThat(Schemas.violations(topic)).isNotEmpty();
	}

}
