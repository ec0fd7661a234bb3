package com.xorstack.platform.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

import com.xorstack.platform.events.TopicLayout;

/**
 * Every service declares the topics it writes and reads from platform's one table
 * ({@link TopicLayout#declaredBy}), as the Kafka principal named by
 * {@code spring.application.name}; none writes a {@code TopicBuilder} of its own.
 * {@code xorstack.kafka.topic-retention.[topic]} sets a topic's retention where a
 * deployment chooses its own (ailog-service's raw events, the gateway's request events).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean(KafkaAdmin.class)
public class TopicDeclarationsAutoConfiguration {

	@Bean
	KafkaAdmin.NewTopics xorstackTopics(Environment environment) {
		String principal = environment.getRequiredProperty("spring.application.name");
		Map<String, Duration> retention = Binder.get(environment)
			.bind("xorstack.kafka.topic-retention", Bindable.mapOf(String.class, Duration.class))
			.orElse(Map.of());
		return new KafkaAdmin.NewTopics(TopicLayout.declaredBy(principal, retention).toArray(NewTopic[]::new));
	}

}
