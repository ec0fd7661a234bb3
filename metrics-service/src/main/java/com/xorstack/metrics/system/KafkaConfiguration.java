package com.xorstack.metrics.system;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import com.xorstack.platform.events.DeadLetters;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * Picked up by Boot's listener container factory for every listener of this service.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, MeterRegistry registry) {
		return DeadLetters.errorHandler(template, registry);
	}

}
