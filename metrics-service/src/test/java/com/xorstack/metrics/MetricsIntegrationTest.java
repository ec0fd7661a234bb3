package com.xorstack.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.OutgoingEvent;

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
				"xorstack.alerting.retry-backoff=PT0.05S" })
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class MetricsIntegrationTest {

	/**
	 * The port of the alerting tests' SMTP server (GreenMail), fixed per JVM so that
	 * every test class shares this context.
	 */
	protected static final int SMTP_PORT = freePort();

	@Autowired
	protected WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestStack.get().springProperties("metrics").forEach((name, value) -> registry.add(name, () -> value));
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected static String adminToken() {
		return TestStack.get().passwordToken("demo-admin");
	}

	protected static String ingestToken() {
		return TestStack.get().clientCredentialsToken("edge-functions", "edge-functions-secret");
	}

	public static KafkaProducer<String, byte[]> producer() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers());
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	public static OutgoingEvent event(UUID id, String type, String topic, String key, String data) {
		return new OutgoingEvent(id, type, URI.create("/metrics-tests"), OffsetDateTime.now(), topic, key,
				data.getBytes(StandardCharsets.UTF_8));
	}

}
