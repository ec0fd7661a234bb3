package com.xorstack.metrics.system;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import com.xorstack.platform.events.DeadLetters;
import com.xorstack.platform.events.Topics;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/** The topics whose events this service defines (their schemas are in platform). */
	@Bean
	NewTopic usageEventsTopic() {
		return TopicBuilder.name(Topics.USAGE_EVENTS).partitions(3).build();
	}

	@Bean
	NewTopic systemMetricsTopic() {
		return TopicBuilder.name(Topics.SYSTEM_METRICS).partitions(3).build();
	}

	/*
	 * The topics this service reads but others write, declared here too (same partitions
	 * as their producers declare them): a consumer that subscribes before its topic
	 * exists learns of it only at its next metadata refresh, up to five minutes later,
	 * and the gateway starts after the services.
	 */

	@Bean
	NewTopic gatewayRequestTopic() {
		return TopicBuilder.name(Topics.GATEWAY_REQUEST).partitions(3).build();
	}

	@Bean
	NewTopic aiLogRecordedTopic() {
		return TopicBuilder.name(Topics.AILOG_RECORDED).partitions(3).build();
	}

	@Bean
	NewTopic feedbackEventsTopic() {
		return TopicBuilder.name(Topics.FEEDBACK_EVENTS).partitions(2).build();
	}

	/**
	 * Picked up by Boot's listener container factory for every listener of this service.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, MeterRegistry registry) {
		return DeadLetters.errorHandler(template, registry);
	}

}
