package com.xorstack.auth.audit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	/**
	 * Compacted, so that the newest head of the chain is kept for good; one partition, so
	 * that the newest record is the head.
	 */
	@Bean
	NewTopic auditChainHeadTopic(AuditProperties properties) {
		return TopicBuilder.name(properties.chainHeadTopic())
			.partitions(1)
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

}
