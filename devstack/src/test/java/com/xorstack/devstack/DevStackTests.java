package com.xorstack.devstack;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DevStackTests {

	// Per JVM, so that two builds testing at once never drop each other's databases.
	private static final String SUFFIX = "_devstack_it_" + ProcessHandle.current().pid();

	@AfterAll
	static void dropDatabases() throws Exception {
		try (Postgres postgres = Postgres.connect("jdbc:postgresql://127.0.0.1:5432/", "postgres", "",
				Files.createTempDirectory("devstack-logs"))) {
			postgres.dropDatabases(DevStack.DATABASES.stream().map((name) -> name + SUFFIX).toList());
		}
	}

	@Test
	void kafkaAndRedisOnFreePortsAndCloseLeavesNoProcess() throws Exception {
		long started = System.nanoTime();
		DevStack stack = DevStack.start(DevStackSettings.forTests(SUFFIX).withParts(true, false));
		System.out.printf("DevStack with Kafka ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
		List<ProcessHandle> processes = new ArrayList<>();
		try (stack) {
			assertThat(stack.kafkaBootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:9092");
			assertThat(stack.jdbcUrl("feedback")).endsWith("/feedback" + SUFFIX);
			assertThat(stack.r2dbcUrl("ailog")).startsWith("r2dbc:postgresql://").endsWith("/ailog" + SUFFIX);
			assertThat(databasesLike(stack, "%" + SUFFIX)).containsExactlyInAnyOrder("feedback" + SUFFIX,
					"ailog" + SUFFIX, "metrics" + SUFFIX, "auth" + SUFFIX);
			String topic = "devstack.test." + UUID.randomUUID();
			produce(stack.kafkaClientProperties("admin"), topic, "hello");
			assertThat(consumeOne(stack.kafkaClientProperties("admin"), topic)).isEqualTo("hello");
			ProcessHandle kafka = ProcessHandle.of(stack.kafka().pid()).orElseThrow();
			processes.add(kafka);
			kafka.descendants().forEach(processes::add);
			// redis-server is on this machine and in CI: the stack starts its own
			assertThat(stack.redisAvailable()).isTrue();
			assertThat(stack.redisUsername()).isEqualTo("gateway");
			assertThat(stack.redisPort()).isNotEqualTo(6379);
			processes.add(ProcessHandle.of(stack.redis().server().pid()).orElseThrow());
		}
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(stack.workDir()).doesNotExist();
	}

	@Test
	void busyPortIsReportedWithTheVariableThatMovesIt() throws Exception {
		try (ServerSocket busy = new ServerSocket(0)) {
			DevStackSettings settings = DevStackSettings.forTests(SUFFIX)
				.withKafkaPorts(busy.getLocalPort(), 0)
				.withParts(true, false);
			assertThatExceptionOfType(DevStackException.class).isThrownBy(() -> DevStack.start(settings))
				.withMessage("Port " + busy.getLocalPort() + " (Kafka) is already in use: stop what listens there, "
						+ "or set XORSTACK_KAFKA_PORT to another port (0 picks a free one)");
		}
	}

	@Test
	void portVariableThatIsNotANumberIsReported() {
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.fromEnvironment(Map.of("XORSTACK_KEYCLOAK_PORT", "eighty")))
			.withMessage("XORSTACK_KEYCLOAK_PORT must be a port number (0 for a free one), not 'eighty'");
	}

	private static List<String> databasesLike(DevStack stack, String pattern) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection connection = stack.postgres().connectTo("postgres");
				var statement = connection.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
			statement.setString(1, pattern);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					names.add(rows.getString(1));
				}
			}
		}
		return names;
	}

	private static void produce(Map<String, Object> client, String topic, String value) throws Exception {
		Map<String, Object> config = new HashMap<>(client);
		config.put("acks", "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "key", value)).get();
		}
	}

	private static String consumeOne(Map<String, Object> client, String topic) {
		Map<String, Object> config = new HashMap<>(client);
		config.put("group.id", "devstack-test");
		config.put("auto.offset.reset", "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
				for (ConsumerRecord<String, String> record : records) {
					return record.value();
				}
			}
		}
		throw new AssertionError("No record on " + topic + " within 30 s");
	}

}
