package com.xorstack.gateway.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request events are sent to the real Kafka under a parent span that is not sampled, so
 * that the OpenTelemetry agent's producer instrumentation records no trace for each. What
 * the producer sees is read where the agent reads it: in the sending thread's current
 * context, by an interceptor that runs within {@code send}.
 */
class RequestEventSenderTests {

	@Test
	void eventsAreSentUnderAParentThatIsNotSampled() throws Exception {
		createTopic();
		RequestEventBuffer buffer = new RequestEventBuffer(10, new SimpleMeterRegistry());
		buffer.add(new GatewayRequestCompleted("auth", "GET", "/api/me", 200, 1.5, "user-1", null, null, null,
				Instant.now()));
		buffer.add(new GatewayRequestCompleted("auth", "GET", "/api/me", 200, 2.5, "user-1", null, null, null,
				Instant.now()));
		Map<String, Object> config = new HashMap<>(TestStack.get().kafkaAdminProperties());
		config.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, CurrentSpans.class.getName());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(config,
				new StringSerializer(), new ByteArraySerializer());
		try {
			RequestEventSender sender = new RequestEventSender(buffer, new KafkaTemplate<>(producers),
					JsonMapper.builder().build(), new RequestLogProperties(true, 10, 500, Duration.ofMillis(200)));
			CurrentSpans.seen.clear();
			sender.drain();
		}
		finally {
			producers.destroy();
		}
		assertThat(CurrentSpans.seen).hasSize(2).allSatisfy((span) -> {
			assertThat(span.isValid()).isTrue();
			assertThat(span.isSampled()).isFalse();
		});
		assertThat(buffer.isEmpty()).isTrue();
	}

	/** The gateway makes it at start; this test runs without the gateway. */
	private static void createTopic() throws Exception {
		try (Admin admin = Admin.create(TestStack.get().kafkaAdminProperties())) {
			admin.createTopics(List.of(new NewTopic(Topics.GATEWAY_REQUEST, 3, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	/** Notes the span current in the sending thread when each record is sent. */
	public static final class CurrentSpans implements ProducerInterceptor<String, byte[]> {

		static final List<SpanContext> seen = new CopyOnWriteArrayList<>();

		@Override
		public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
			seen.add(Span.current().getSpanContext());
			return record;
		}

		@Override
		public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
		}

		@Override
		public void close() {
		}

		@Override
		public void configure(Map<String, ?> configs) {
		}

	}

}
