package com.xorstack.platform.kafka;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;

/**
 * How a service signs in to Kafka: {@code xorstack.kafka.security-protocol}
 * ({@code SASL_PLAINTEXT} by default, or {@code SASL_SSL}) with SASL/SCRAM-SHA-512
 * ({@code xorstack.kafka.sasl-mechanism}) as {@code xorstack.kafka.username} (default the
 * application's name) with {@code xorstack.kafka.password}; each service's
 * application.yml reads them from {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_USERNAME}
 * and {@code KAFKA_PASSWORD}. {@code PLAINTEXT} or {@code SSL} turn SASL off, for a
 * broker that authenticates no one or by client certificate.
 */
record KafkaCredentials(String protocol, String mechanism, String username, @Nullable String password) {

	static KafkaCredentials from(Environment environment) {
		String password = environment.getProperty("xorstack.kafka.password", "");
		return new KafkaCredentials(
				environment.getProperty("xorstack.kafka.security-protocol", "SASL_PLAINTEXT")
					.strip()
					.toUpperCase(Locale.ROOT),
				environment.getProperty("xorstack.kafka.sasl-mechanism", "SCRAM-SHA-512").strip(),
				environment.getProperty("xorstack.kafka.username",
						environment.getProperty("spring.application.name", "application")),
				password.isEmpty() ? null : password);
	}

	boolean sasl() {
		return this.protocol.startsWith("SASL_");
	}

	/**
	 * Sets the protocol and, for SASL, the mechanism and login of every client Spring
	 * Boot makes from {@code properties} (producers, consumers, admin).
	 * @throws IllegalStateException if SASL is on and there is no password
	 */
	void applyTo(KafkaProperties properties) {
		if (properties.getSecurity().getProtocol() == null) {
			properties.getSecurity().setProtocol(this.protocol);
		}
		if (!sasl() || properties.getProperties().containsKey("sasl.jaas.config")) {
			return;
		}
		if (this.password == null) {
			throw new IllegalStateException("KAFKA_PASSWORD is not set: each service signs in to Kafka as its own "
					+ "principal (KAFKA_USERNAME, here " + this.username + ") over " + this.protocol
					+ "; see README, Secrets. KAFKA_SECURITY_PROTOCOL=PLAINTEXT is only for a broker that "
					+ "authenticates no one.");
		}
		properties.getProperties().put("sasl.mechanism", this.mechanism);
		properties.getProperties().put("sasl.jaas.config", jaasConfig(this.mechanism, this.username, this.password));
	}

	static String jaasConfig(String mechanism, String username, String password) {
		return KafkaLogin.jaasConfig(mechanism, username, password);
	}

}
