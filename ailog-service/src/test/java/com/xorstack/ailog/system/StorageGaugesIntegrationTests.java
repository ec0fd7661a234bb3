package com.xorstack.ailog.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.devstack.EventRecords;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.Topics;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The storage gauges of this service (platform's StorageGauges, every 3 s here), read
 * from the real topic, so each is checked against system.gauge.v1, and compared with
 * PostgreSQL's own account of the tables.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorageGaugesIntegrationTests extends AilogIntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	DatabaseClient db;

	@Test
	void eachTableIsOneReadingARunAndAiLogsTheSumOfItsPartitions() {
		Instant start = Instant.now();
		List<String> partitions = names(
				"select relid::text from pg_partition_tree('ai_logs') where relid <> 'ai_logs'::regclass");
		Set<String> tables = new TreeSet<>(
				names("select tablename::text from pg_tables where schemaname = current_schema()"));
		tables.remove("flyway_schema_history");
		tables.removeAll(partitions);
		assertThat(partitions).contains("ai_logs_default").hasSizeGreaterThan(7);
		assertThat(tables).contains("ai_logs", "ai_log_ids", "model_prices", "archive_manifests", "outbox");

		List<ConsumerRecord<String, byte[]>> records = EventRecords.await(Topics.SYSTEM_METRICS,
				(record) -> ours(record, start), 2 * tables.size(), TIMEOUT, Duration.ZERO);
		for (ConsumerRecord<String, byte[]> record : records) {
			Map<String, Object> data = EventRecords.data(record);
			assertThat(record.key()).isEqualTo("storage.bytes");
			assertThat(EventRecords.header(record, "ce_id")).isEqualTo(data.get("id"));
			assertThat(EventRecords.header(record, "ce_source")).isEqualTo("/ailog-service");
			assertThat(data).containsEntry("unit", "bytes");
			assertThat(((Number) data.get("value")).longValue()).as("%s", data).isPositive();
			assertThat(labels(data)).containsOnlyKeys("service", "kind");
		}
		Map<String, List<String>> runs = new TreeMap<>(records.stream()
			.map(EventRecords::data)
			.collect(groupingBy((data) -> (String) data.get("at"),
					mapping((data) -> labels(data).get("kind"), toList()))));
		assertThat(runs.values()).allSatisfy((kinds) -> assertThat(kinds).doesNotHaveDuplicates().isSubsetOf(tables));
		assertThat(runs.values()).anySatisfy((kinds) -> assertThat(kinds).containsExactlyInAnyOrderElementsOf(tables));

		// nothing writes ai_logs during this test: its last reading is its size now
		long aiLogs = records.stream()
			.map(EventRecords::data)
			.filter((data) -> "ai_logs".equals(labels(data).get("kind")))
			.map((data) -> ((Number) data.get("value")).longValue())
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(aiLogs)
			.isEqualTo(bytes("select sum(pg_total_relation_size(relid))::bigint from pg_partition_tree('ai_logs')"))
			.isGreaterThan(bytes("select pg_total_relation_size('ai_logs_default')"));
	}

	@Test
	void aRunKafkaRefusesIsLoggedAndALaterRunPublishesAgain(CapturedOutput output) throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SYSTEM_METRICS);
		try (Admin admin = Admin.create(adminConfig())) {
			// the broker refuses every record batch bigger than 16 bytes, that is all of
			// them; the run fails or, while the producer still retries, is cut
			alter(admin, topic, new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16"),
					AlterConfigOp.OpType.SET));
			try {
				await().atMost(TIMEOUT).until(() -> warnings(output) > 0);
			}
			finally {
				alter(admin, topic, new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
						AlterConfigOp.OpType.DELETE));
			}
		}
		Instant resumed = Instant.now();
		assertThat(
				EventRecords.await(Topics.SYSTEM_METRICS, (record) -> ours(record, resumed), 1, TIMEOUT, Duration.ZERO))
			.isNotEmpty();
	}

	private static boolean ours(ConsumerRecord<String, byte[]> record, Instant since) {
		if (!"storage.bytes".equals(record.key())) {
			return false;
		}
		Map<String, Object> data = EventRecords.data(record);
		return "ailog-service".equals(labels(data).get("service"))
				&& !Instant.parse((String) data.get("at")).isBefore(since);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> labels(Map<String, Object> data) {
		return (Map<String, String>) data.get("labels");
	}

	private static long warnings(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains("Storage gauges not published")).count();
	}

	private List<String> names(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, String.class)).all().collectList().block();
	}

	private long bytes(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	private static Properties adminConfig() {
		Properties config = new Properties();
		config.putAll(TestStack.get().kafkaAdminProperties());
		return config;
	}

	private static void alter(Admin admin, ConfigResource topic, AlterConfigOp op) throws Exception {
		admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
	}

}
