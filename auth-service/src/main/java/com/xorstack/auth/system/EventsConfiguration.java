package com.xorstack.auth.system;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.xorstack.platform.events.DeadLetters;
import com.xorstack.platform.outbox.OutboxConfiguration;

@Configuration(proxyBeanMethods = false)
@Import(OutboxConfiguration.class)
@EnableScheduling
class EventsConfiguration {

	/**
	 * Picked up by Boot's listener container factory for every listener of this service.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, MeterRegistry registry) {
		return DeadLetters.errorHandler(template, registry);
	}

}
