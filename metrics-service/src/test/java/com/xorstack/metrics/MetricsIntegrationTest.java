package com.xorstack.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

import com.xorstack.devstack.EventSchemas;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.KafkaPrincipals;
import com.xorstack.platform.events.TopicAccess;
import com.xorstack.platform.events.OutgoingEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application context for every integration test of this module (same settings, so
 * Spring reuses it): real PostgreSQL, Kafka and Keycloak. The dashboard stream pushes on
 * its own only every 30 s here, so a push within that time proves the push on change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.metrics.dashboard.push-interval=30s", "xorstack.metrics.dashboard.heartbeat=1s",
				"xorstack.metrics.dashboard.change-delay=200ms",
				// alerting tests drive evaluation and delivery themselves, with their own
				// clock
				"xorstack.alerting.evaluation-interval=PT1H", "xorstack.alerting.delivery-interval=PT1H",
				"xorstack.alerting.retry-backoff=PT0.05S",
				// the tests' receivers listen on loopback; 127.0.0.2 stays refused
				"xorstack.outbound.allowed-hosts=127.0.0.1",
				// uptime tests run the checks themselves; one built-in database check
				// points at a port nothing listens on
				"xorstack.uptime.tick=PT1H", "xorstack.uptime.builtin.test-unreachable-database.type=database",
				"xorstack.uptime.builtin.test-unreachable-database.url=r2dbc:postgresql://127.0.0.1:9/metrics",
				"xorstack.uptime.builtin.test-unreachable-database.username=metrics",
				// the database metrics test reads its statements within a minute
				"xorstack.database-metrics.interval=PT10S", "xorstack.database-metrics.top=20" })
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class MetricsIntegrationTest {

	/**
	 * The port of the alerting tests' SMTP server (GreenMail), fixed per JVM so that
	 * every test class shares this context.
	 */
	protected static final int SMTP_PORT = freePort();

	/** The port of the SMS tests' stand-in provider, fixed per JVM like SMTP_PORT. */
	protected static final int SMS_PORT = freePort();

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	protected WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestStack.get().springProperties("metrics").forEach((name, value) -> registry.add(name, () -> value));
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("xorstack.alerting.sms.base-url", () -> "http://127.0.0.1:" + SMS_PORT);
		registry.add("xorstack.alerting.sms.account-sid", () -> "ACtest");
		registry.add("xorstack.alerting.sms.auth-token", () -> "sms-test-token");
		registry.add("xorstack.alerting.sms.from", () -> "+15005550006");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * POSTs {@code body} as JSON with {@code token}, expects {@code status} and answers
	 * the JSON object it got back.
	 */
	protected Map<String, Object> postJson(String path, String token, String body, HttpStatus status) {
		return this.web.post()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * POSTs {@code body} as demo-admin and expects a 400 problem whose first error names
	 * {@code field}.
	 */
	protected void assertRefused(String path, String body, String field) {
		this.web.post()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	/**
	 * GETs {@code uri} (query included) as demo-admin and expects a 400 problem whose
	 * first error names {@code field}.
	 */
	protected void assertRefusedQuery(String uri, String field) {
		this.web.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	/** GETs as demo-admin, expects 200 and answers the JSON object. */
	protected Map<String, Object> adminGet(Function<UriBuilder, URI> uri) {
		return expectJsonObject(this.web.get().uri(uri));
	}

	/** {@link #adminGet(Function)} of a URI template (query included). */
	protected Map<String, Object> adminGet(String uriTemplate, Object... variables) {
		return expectJsonObject(this.web.get().uri(uriTemplate, variables));
	}

	private static Map<String, Object> expectJsonObject(WebTestClient.RequestHeadersSpec<?> request) {
		return request.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	protected static String adminToken() {
		return TestStack.get().passwordToken("demo-admin");
	}

	protected static String ingestToken() {
		return TestStack.get().clientCredentialsToken("edge-functions", "edge-functions-secret");
	}

	public static KafkaProducer<String, byte[]> producer() {
		Properties config = new Properties();
		// as the super user: the tests stand in for every producer of metrics-service's
		// topics (each event carries its producer's ce_source, see outgoing)
		config.putAll(TestStack.get().kafkaAdminProperties());
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * An event whose data conforms to the schema of {@code type}, so that what the tests
	 * send are examples of the contract.
	 */
	public static OutgoingEvent event(UUID id, String type, String topic, String key, String data) {
		EventSchemas.assertConforms(type, data);
		return outgoing(id, type, topic, key, data);
	}

	/**
	 * An event whose data breaks the schema of {@code type}: for the tests of refusal.
	 */
	public static OutgoingEvent invalidEvent(UUID id, String type, String topic, String key, String data) {
		assertThat(EventSchemas.violations(type, data)).as("violations of " + type).isNotEmpty();
		return outgoing(id, type, topic, key, data);
	}

	private static OutgoingEvent outgoing(UUID id, String type, String topic, String key, String data) {
		return new OutgoingEvent(id, type, URI.create(sourceOf(topic)), OffsetDateTime.now(), topic, key,
				data.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The {@code ce_source} of the service that writes {@code topic}, or an edge
	 * function's where edge functions write it: consumers refuse any other.
	 */
	private static String sourceOf(String topic) {
		String producer = TopicAccess.of(topic).orElseThrow().producers().get(0);
		return producer.equals(KafkaPrincipals.EDGE) ? "/edge/metrics-tests" : KafkaPrincipals.source(producer);
	}

}
