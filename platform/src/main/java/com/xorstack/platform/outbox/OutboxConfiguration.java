package com.xorstack.platform.outbox;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Import into a service that publishes domain events. The service's Flyway migrations
 * create the {@code outbox} table (see {@code db/outbox.sql} in this module for the
 * shape).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

	@Bean
	Outbox outbox(DatabaseClient db, JsonMapper json) {
		return new Outbox(db, json);
	}

	/** Where Micrometer is, as in every service with actuator. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class BacklogConfiguration {

		@Bean
		@Nullable OutboxBacklog outboxBacklog(DatabaseClient db, ObjectProvider<MeterRegistry> registry) {
			MeterRegistry meters = registry.getIfAvailable();
			return (meters != null) ? new OutboxBacklog(db, meters, Duration.ofSeconds(10)) : null;
		}

	}

	@Bean
	OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator transactions, KafkaTemplate<String, byte[]> kafka,
			OutboxProperties properties) {
		return new OutboxRelay(db, transactions, kafka, properties);
	}

}
