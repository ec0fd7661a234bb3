package com.xorstack.platform.kafka;

import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KafkaCredentialsTests {

	@Test
	void everyClientSignsInWithScramAsTheServiceByDefault() {
		KafkaProperties properties = new KafkaProperties();
		KafkaCredentials
			.from(new MockEnvironment().withProperty("spring.application.name", "feedback-service")
				.withProperty("xorstack.kafka.password", "s3cret"))
			.applyTo(properties);
		assertThat(properties.getSecurity().getProtocol()).isEqualTo("SASL_PLAINTEXT");
		assertThat(properties.buildProducerProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
					+ "username=\"feedback-service\" password=\"s3cret\";");
		assertThat(properties.buildConsumerProperties()).containsKey("sasl.jaas.config");
		assertThat(properties.buildAdminProperties()).containsKey("sasl.jaas.config");
	}

	@Test
	void aPasswordWithQuotesCannotBreakOutOfTheLoginLine() {
		assertThat(KafkaCredentials.jaasConfig("SCRAM-SHA-512", "gateway", "a\" b=\"c\\"))
			.endsWith("username=\"gateway\" password=\"a\\\" b=\\\"c\\\\\";");
	}

	@Test
	void withoutAPasswordTheServiceDoesNotStart() {
		KafkaCredentials credentials = KafkaCredentials
			.from(new MockEnvironment().withProperty("xorstack.kafka.username", "gateway"));
		assertThatIllegalStateException().isThrownBy(() -> credentials.applyTo(new KafkaProperties()))
			.withMessageContaining("KAFKA_PASSWORD is not set")
			.withMessageContaining("gateway");
	}

	@Test
	void plaintextTurnsSaslOff() {
		KafkaProperties properties = new KafkaProperties();
		KafkaCredentials.from(new MockEnvironment().withProperty("xorstack.kafka.security-protocol", "plaintext"))
			.applyTo(properties);
		assertThat(properties.buildProducerProperties()).containsEntry("security.protocol", "PLAINTEXT")
			.doesNotContainKey("sasl.jaas.config");
	}

}
