package com.xorstack.feedback.system;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;

import com.xorstack.platform.events.Topics;
import com.xorstack.platform.outbox.OutboxConfiguration;

@Configuration(proxyBeanMethods = false)
@Import(OutboxConfiguration.class)
class EventsConfiguration {

	@Bean
	NewTopic feedbackEventsTopic() {
		return TopicBuilder.name(Topics.FEEDBACK_EVENTS).partitions(2).build();
	}

	@Bean
	NewTopic auditEventsTopic() {
		return TopicBuilder.name(Topics.AUDIT_EVENTS).partitions(2).build();
	}

}
