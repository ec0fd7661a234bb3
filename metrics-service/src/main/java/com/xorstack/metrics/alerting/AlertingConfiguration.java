package com.xorstack.metrics.alerting;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;

import com.xorstack.platform.events.Topics;
import com.xorstack.platform.outbox.OutboxConfiguration;

/** Alerting settings, and the outbox that carries {@code alerts.events.v1}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AlertingProperties.class, SmsProperties.class })
@Import(OutboxConfiguration.class)
class AlertingConfiguration {

	@Bean
	NewTopic alertsEventsTopic() {
		return TopicBuilder.name(Topics.ALERTS_EVENTS).partitions(3).build();
	}

}
