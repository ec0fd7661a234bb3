package com.xorstack.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.xorstack.platform.events.KafkaPrincipals;
import com.xorstack.platform.events.TopicAccess;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The devstack's broker is secured as in production: no one without a credential gets in,
 * and each principal may do what {@link TopicAccess} says and nothing else.
 */
class KafkaSecurityTests {

	private static DevStack stack;

	/**
	 * The broker the services' tests use (the build's, see {@link SharedTestStack}): the
	 * ACLs checked are the ones they run under, and no broker starts for this class
	 * alone.
	 */
	@BeforeAll
	static void start() throws Exception {
		stack = TestStack.get().devStack();
		try (Admin admin = Admin.create(stack.kafkaClientProperties("admin"))) {
			List<NewTopic> topics = TopicAccess.ALL.stream()
				.map((access) -> new NewTopic(access.topic(), 1, (short) 1))
				.toList();
			admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aClientWithoutCredentialsGetsNothing() {
		Map<String, Object> config = Map.of("bootstrap.servers", stack.kafkaBootstrapServers(), "max.block.ms", 3000,
				"request.timeout.ms", 2000, "delivery.timeout.ms", 3000, "linger.ms", 0);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			// the SASL listener closes a connection that does not authenticate: the
			// client
			// never even learns which topics exist
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AILOG_INGEST, "k", "forged"))
					.get(10, TimeUnit.SECONDS));
		}
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers(),
				"default.api.timeout.ms", 3000, "request.timeout.ms", 3000))) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
		}
	}

	@Test
	void aWrongPasswordIsRefused() {
		Map<String, Object> config = new HashMap<>(stack.kafkaClientProperties(KafkaPrincipals.EDGE));
		config.put("sasl.jaas.config", KafkaUsers.jaasConfig(KafkaUsers.MECHANISM, KafkaPrincipals.EDGE, "guessed"));
		config.put("max.block.ms", 10_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AILOG_INGEST, "k", "forged"))
				.get(20, TimeUnit.SECONDS))
				.satisfies((thrown) -> assertThat(causes(thrown))
					.hasAtLeastOneElementOfType(SaslAuthenticationException.class));
		}
	}

	@Test
	void eachPrincipalWritesTheTopicsItProducesAndNoOther() throws Exception {
		for (String principal : KafkaPrincipals.ALL) {
			Map<String, Object> config = new HashMap<>(stack.kafkaClientProperties(principal));
			config.put("max.block.ms", 10_000);
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
					new StringSerializer())) {
				for (TopicAccess access : TopicAccess.ALL) {
					boolean allowed = access.producers().contains(principal);
					if (allowed != writes(producer, access.topic())) {
						fail(principal + (allowed ? " could not write " : " wrote ") + access.topic());
					}
				}
			}
		}
	}

	@Test
	void onlyTheConsumersReadATopicAndOnlyInTheirGroups() {
		for (String principal : KafkaPrincipals.ALL) {
			for (TopicAccess access : TopicAccess.ALL) {
				boolean allowed = access.consumers().contains(principal);
				String group = (allowed) ? KafkaPrincipals.groupPrefix(principal) + "test-" + UUID.randomUUID()
						: "test-" + UUID.randomUUID();
				if (allowed != reads(principal, access.topic(), group)) {
					fail(principal + (allowed ? " could not read " : " read ") + access.topic());
				}
			}
		}
		// a consumer, in a group that is not its own
		assertThat(reads(KafkaPrincipals.METRICS, Topics.FEEDBACK_EVENTS, "auth-" + UUID.randomUUID())).isFalse();
	}

	@Test
	void theRawIngestTopicIsReadByAilogServiceAlone() {
		// the one topic whose text is not yet redacted
		assertThat(KafkaPrincipals.ALL.stream()
			.filter((principal) -> reads(principal, Topics.AILOG_INGEST,
					String.valueOf(KafkaPrincipals.groupPrefix(principal)) + UUID.randomUUID())))
			.containsExactly(KafkaPrincipals.AILOG);
	}

	private static List<Throwable> causes(Throwable thrown) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = thrown; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static boolean writes(KafkaProducer<String, String> producer, String topic) throws Exception {
		try {
			producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TopicAuthorizationException) {
				return false;
			}
			throw ex;
		}
		catch (TopicAuthorizationException ex) {
			return false;
		}
	}

	private static boolean reads(String principal, String topic, String group) {
		Map<String, Object> config = new HashMap<>(stack.kafkaClientProperties(principal));
		config.put("group.id", group);
		config.put("auto.offset.reset", "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				if (!consumer.poll(Duration.ofMillis(200)).isEmpty() || !consumer.assignment().isEmpty()) {
					return true;
				}
			}
			throw new AssertionError(principal + " got neither records nor a refusal from " + topic);
		}
		catch (TopicAuthorizationException | GroupAuthorizationException ex) {
			return false;
		}
	}

}
