package com.xorstack.ailog.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest topic holds output previews before redaction: the broker keeps them a day,
 * also on a topic made before the service set its retention.
 */
class RawTopicRetentionIntegrationTests extends AilogIntegrationTest {

	@Test
	void theRawIngestTopicKeepsItsRecordsOneDay() throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AILOG_INGEST);
		try (Admin admin = Admin.create(TestStack.get().kafkaAdminProperties())) {
			Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
			assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
				.isEqualTo(Long.toString(Duration.ofDays(1).toMillis()));
		}
	}

}
