package com.xorstack.platform.gauges;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Storage gauges in every service with a database of its own and Kafka (not the gateway):
 * {@code storage.bytes} per table, labelled with the service and the table. Unlike the
 * outbox, which a service imports together with its table, these need nothing from the
 * service, so they come by auto-configuration, like the JWT cache.
 * {@code xorstack.storage-gauges.enabled=false} turns them off;
 * {@code xorstack.storage-gauges.interval} (default 15 minutes) paces them.
 */
@AutoConfiguration(after = { R2dbcAutoConfiguration.class, KafkaAutoConfiguration.class })
@ConditionalOnClass({ DatabaseClient.class, KafkaTemplate.class })
@ConditionalOnBean({ DatabaseClient.class, KafkaTemplate.class })
@ConditionalOnBooleanProperty(name = "xorstack.storage-gauges.enabled", matchIfMissing = true)
@EnableConfigurationProperties(StorageGaugesProperties.class)
public class StorageGaugesAutoConfiguration {

	@Bean
	StorageGauges storageGauges(DatabaseClient db, KafkaTemplate<String, byte[]> kafka, ObjectProvider<Clock> clock,
			StorageGaugesProperties properties, Environment environment) {
		StorageSizes sizes = new StorageSizes(db,
				environment.getProperty("spring.flyway.table", "flyway_schema_history"));
		return new StorageGauges(sizes, kafka, clock.getIfUnique(Clock::systemUTC),
				environment.getProperty("spring.application.name", "application"), properties.interval());
	}

}
