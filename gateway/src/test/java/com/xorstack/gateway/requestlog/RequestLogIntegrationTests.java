package com.xorstack.gateway.requestlog;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.EventRecords;
import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests through the gateway arrive as CloudEvents on the real
 * {@code gateway.request.v1} topic, refused ones included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0" })
@AutoConfigureWebTestClient
class RequestLogIntegrationTests {

	@RegisterExtension
	static final StandInServer downstream = StandInServer.of(StandInServices.answeringEmptyJson());

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	@Test
	void everyRequestBecomesAnEventWithItsCallerSessionAndTrace() {
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
		this.web.get()
			.uri("/api/feedback")
			.header("traceparent", traceparent)
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user")))
			.exchange()
			.expectStatus()
			.isOk();
		this.web.get()
			.uri("/api/feedback")
			.header("traceparent", traceparent)
			.exchange()
			.expectStatus()
			.isUnauthorized();

		List<JsonNode> events = eventsOfTrace(traceId, 2);
		JsonNode routed = events.stream()
			.filter((event) -> event.get("status").asInt() == 200)
			.findFirst()
			.orElseThrow();
		assertThat(routed.get("route").asString()).isEqualTo("feedback");
		assertThat(routed.get("method").asString()).isEqualTo("GET");
		assertThat(routed.get("path").asString()).isEqualTo("/api/feedback");
		assertThat(routed.get("userId").asString()).isNotBlank();
		assertThat(routed.get("sessionId").asString()).isNotBlank();
		assertThat(routed.get("durationMs").asDouble()).isPositive();
		JsonNode refused = events.stream()
			.filter((event) -> event.get("status").asInt() == 401)
			.findFirst()
			.orElseThrow();
		assertThat(refused.get("userId").isNull()).isTrue();
	}

	@Test
	void theRawEventsAreKeptThirtyDays() throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.GATEWAY_REQUEST);
		try (Admin admin = Admin.create(TestStack.get().kafkaAdminProperties())) {
			Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
			assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
				.isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
		}
	}

	/** The events of the trace, each checked against the schema of its type. */
	private static List<JsonNode> eventsOfTrace(String traceId, int expected) {
		JsonMapper json = JsonMapper.builder().build();
		List<ConsumerRecord<String, byte[]>> records = EventRecords.await(Topics.GATEWAY_REQUEST,
				(record) -> json.readTree(record.value()).path("traceId").asString("").equals(traceId), expected,
				Duration.ofSeconds(60), Duration.ZERO);
		assertThat(records).hasSize(expected)
			.allSatisfy((record) -> assertThat(EventRecords.header(record, "ce_type"))
				.isEqualTo(EventTypes.GATEWAY_REQUEST_COMPLETED))
			.allSatisfy((record) -> assertThat(EventRecords.header(record, "ce_id")).isNotBlank());
		return records.stream().map((record) -> json.readTree(record.value())).toList();
	}

}
