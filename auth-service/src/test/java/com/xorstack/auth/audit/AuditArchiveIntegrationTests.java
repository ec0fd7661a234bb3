package com.xorstack.auth.audit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.devstack.MovableClock;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.archive.ArchiveStore;
import com.xorstack.platform.archive.StoredObject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An expired month of the audit log goes to a real S3-compatible store (S3Mock) before it
 * is dropped, with what its chain needs to be verified later; with the store down the
 * month stays, whole and unanchored, and the next run archives and drops it. Its own
 * database and a clock the test moves, like {@link AuditRetentionIntegrationTests}.
 */
@SpringBootTest(properties = { "spring.kafka.listener.auto-startup=false", "xorstack.audit.retention=P2Y",
		"xorstack.archive.attempts=2", "xorstack.archive.backoff=100ms" })
class AuditArchiveIntegrationTests {

	static final MovableClock clock = new MovableClock(Instant.now());

	static final String PREFIX = "it-" + ProcessHandle.current().pid() + "/audit-log/";

	@Autowired
	AuditLog audit;

	@Autowired
	AuditRetention retention;

	@Autowired
	ArchiveStore store;

	@Autowired
	DatabaseClient db;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.registerScratch(registry, "auth_archive");
		TestStack.get().s3Properties(PREFIX).forEach((name, value) -> registry.add(name, () -> value));
		registry.add("xorstack.archive.dir", () -> Path.of("target", "audit-archive-test").toAbsolutePath().toString());
	}

	@AfterEach
	void serverRunsAgain() {
		TestStack.get().s3().restart();
	}

	@Test
	void anExpiredMonthIsArchivedWithItsChainEndsOrStaysWhileTheStoreIsDown() throws Exception {
		clock.set("2024-01-15T10:00:00Z");
		for (int i = 0; i < 4; i++) {
			this.audit.record("tester", "test.archive", "january-" + i, Map.of("n", i)).block();
		}
		clock.set("2026-02-05T00:00:00Z");
		double failures = this.meters.get("xorstack.archive.failures").tag("data", "audit_log").counter().count();

		TestStack.get().s3().stop();
		assertThatThrownBy(() -> this.retention.expire(clock.instant()).block()).hasMessageContaining("the data stays");
		assertThat(count("select count(*) from audit_log_y2024m01")).as("every row still there").isEqualTo(4);
		assertThat(count("select count(*) from audit_anchor where partition_name = 'audit_log_y2024m01'")).isZero();
		assertThat(this.meters.get("xorstack.archive.failures").tag("data", "audit_log").counter().count())
			.isEqualTo(failures + 1);

		TestStack.get().s3().restart();
		assertThat(this.retention.expire(clock.instant()).block()).containsExactly(YearMonth.of(2024, 1));

		Map<String, Object> anchor = this.db
			.sql("select last_seq, last_hash from audit_anchor where partition_name = 'audit_log_y2024m01'")
			.fetch()
			.one()
			.block();
		Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fetched-");
		this.store.fetch("audit_log_y2024m01.manifest.json", dir.resolve("manifest.json"));
		JsonNode manifest = JsonMapper.shared().readTree(dir.resolve("manifest.json").toFile());
		assertThat(manifest.get("rowCount").asLong()).isEqualTo(4);
		assertThat(manifest.get("lastHash").asString()).isEqualTo(anchor.get("last_hash"));
		assertThat(manifest.get("lastSeq").asLong()).isEqualTo(anchor.get("last_seq"));
		StoredObject stored = this.store.readBack(manifest.get("archive").asString());
		assertThat(stored.sha256()).isEqualTo(manifest.get("sha256").asString());

		this.store.fetch(manifest.get("archive").asString(), dir.resolve("archive.ndjson.gz"));
		List<JsonNode> rows = rows(dir.resolve("archive.ndjson.gz"));
		assertThat(rows).extracting((row) -> row.get("target").asString())
			.containsExactly("january-0", "january-1", "january-2", "january-3");
		assertThat(rows.get(0).get("prev_hash").asString()).isEqualTo(manifest.get("firstPrevHash").asString());
		for (int i = 1; i < rows.size(); i++) {
			assertThat(rows.get(i).get("prev_hash").asString()).as("the chain runs through the archive")
				.isEqualTo(rows.get(i - 1).get("hash").asString());
		}
		assertThat(this.audit.verify().block().valid()).as("the rest still verifies from the anchor").isTrue();
	}

	private static List<JsonNode> rows(Path archive) throws Exception {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(Files.newInputStream(archive)), StandardCharsets.UTF_8))) {
			return reader.lines().map((line) -> JsonMapper.shared().readTree(line)).toList();
		}
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		Clock movableClock() {
			return clock;
		}

	}

}
