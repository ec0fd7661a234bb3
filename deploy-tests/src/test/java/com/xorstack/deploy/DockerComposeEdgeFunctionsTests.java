package com.xorstack.deploy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge functions run outside the compose network: Kafka gives them a listener of their
 * own, with the same SASL/SCRAM users and ACLs as inside (issue #20).
 */
class DockerComposeEdgeFunctionsTests {

	@Test
	void kafkaHasAnExternalScramListenerAdvertisedAsTheHostReachesIt() {
		String broker = Repo.read("deploy/kafka/compose-broker.sh");
		assertThat(broker).contains("listeners=SASL_PLAINTEXT://:9092,EXTERNAL://:9094,")
			.contains("advertised.listeners=SASL_PLAINTEXT://kafka:9092,EXTERNAL://$KAFKA_EXTERNAL_ADVERTISED")
			.contains(",EXTERNAL:SASL_PLAINTEXT,")
			.contains("listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512")
			.contains("listener.name.external.scram-sha-512.sasl.jaas.config=")
			.doesNotContain("EXTERNAL:PLAINTEXT")
			.doesNotContain("listener.name.external.sasl.enabled.mechanisms=PLAIN");
		assertThat(DockerCompose.environment("kafka")).containsEntry("KAFKA_EXTERNAL_ADVERTISED", "localhost:9094");
		assertThat(Repo.list(DockerCompose.service("kafka").get("ports"))).map(String::valueOf)
			.singleElement()
			.satisfies((port) -> assertThat(port).startsWith("127.0.0.1:9094:9094"));
		// the same users and ACLs as inside (acls.txt, checked against TopicAccess)
		assertThat(DockerCompose.environment("kafka-setup")).containsEntry("KAFKA_PASSWORD_EDGE_FUNCTIONS",
				"test-KAFKA_EDGE_PASSWORD");
	}

	@Test
	void theExampleEdgeFunctionDefaultsToTheExternalListener() {
		String main = Repo.read("examples/edge-function/src/main.ts");
		Map<String, String> kafka = DockerCompose.environment("kafka");
		assertThat(main).contains("setting('KAFKA_BROKERS', '" + kafka.get("KAFKA_EXTERNAL_ADVERTISED") + "')")
			.contains("setting('OIDC_ISSUER_URI', '" + DockerCompose.environment("gateway").get("OIDC_ISSUER_URI")
					+ "')");
		assertThat(Repo.path("examples/edge-function/package-lock.json")).isRegularFile();
	}

}
