package com.xorstack.devstack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next test JVM on the build's shared broker finds it as a new one would be: no
 * topics, no records, no consumer groups; the users and their ACLs are still there.
 */
class KafkaResetTests {

	@Test
	void leavesNoTopicOrGroupButKeepsTheAcls() throws Exception {
		DevStack stack = TestStack.get().devStack();
		Map<String, Object> admin = stack.kafkaClientProperties(KafkaUsers.ADMIN);
		try (Admin client = Admin.create(admin)) {
			client.createTopics(List.of(new NewTopic("reset.me", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(admin, new StringSerializer(),
					new StringSerializer())) {
				producer.send(new ProducerRecord<>("reset.me", "a record")).get(30, TimeUnit.SECONDS);
			}
			client
				.alterConsumerGroupOffsets("reset-group",
						Map.of(new TopicPartition("reset.me", 0), new OffsetAndMetadata(1)))
				.all()
				.get(30, TimeUnit.SECONDS);
			int acls = client.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).size();

			KafkaReset.run(admin);

			assertThat(client.listTopics().names().get(30, TimeUnit.SECONDS)).isEmpty();
			assertThat(client.listGroups().all().get(30, TimeUnit.SECONDS)).isEmpty();
			assertThat(client.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)).hasSize(acls)
				.isNotEmpty();
		}
	}

}
