package com.xorstack.auth.audit;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.xorstack.platform.events.TopicLayout;
import com.xorstack.platform.events.Topics;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	/**
	 * Laid out as platform's table says (compacted, so that the newest head of the chain
	 * is kept for good; one partition, so that the newest record is the head), under the
	 * configured name: tests keep a chain per database.
	 */
	@Bean
	NewTopic auditChainHeadTopic(AuditProperties properties) {
		return TopicLayout.of(Topics.AUDIT_CHAIN_HEAD).orElseThrow().newTopic(properties.chainHeadTopic());
	}

}
