package com.xorstack.metrics.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import com.xorstack.devstack.TestStack;
import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * metrics-service declares its topics from platform's table at start, as the table lays
 * them out: the test broker would make a topic with two partitions and keep it a week.
 */
class TopicDeclarationsIntegrationTests extends MetricsIntegrationTest {

	@Test
	void theTopicsItReadsAreMadeAsPlatformsTableLaysThemOut() throws Exception {
		try (Admin admin = Admin.create(TestStack.get().kafkaAdminProperties())) {
			Map<String, TopicDescription> topics = admin
				.describeTopics(
						List.of(Topics.USAGE_EVENTS, Topics.GATEWAY_REQUEST, Topics.deadLetter(Topics.FEEDBACK_EVENTS)))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			assertThat(topics.get(Topics.USAGE_EVENTS).partitions()).hasSize(3);
			assertThat(topics.get(Topics.GATEWAY_REQUEST).partitions()).hasSize(3);
			assertThat(topics.get(Topics.deadLetter(Topics.FEEDBACK_EVENTS)).partitions()).hasSize(1);
			assertThat(retention(admin, Topics.GATEWAY_REQUEST)).isEqualTo(Duration.ofDays(30));
			assertThat(retention(admin, Topics.deadLetter(Topics.FEEDBACK_EVENTS))).isEqualTo(Duration.ofDays(14));
		}
	}

	private static Duration retention(Admin admin, String topic) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
		return Duration.ofMillis(Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value()));
	}

}
