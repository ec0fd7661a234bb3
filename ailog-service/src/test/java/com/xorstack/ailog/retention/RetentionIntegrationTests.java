package com.xorstack.ailog.retention;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Daily partitions exist ahead and late events land in their own day; an expired day is
 * archived, the archive verified and only then the partition dropped, with as many rows
 * in the archive as were dropped; an archive restores with one call, and a damaged one is
 * refused.
 */
class RetentionIntegrationTests extends AilogIntegrationTest {

	@Autowired
	DatabaseClient db;

	private Queries queries;

	@Autowired
	PartitionArchiver archiver;

	@Autowired
	ArchiveRestorer restorer;

	AiLogApi api;

	@Autowired
	void api(WebTestClient web) {
		this.api = new AiLogApi(web);
	}

	@BeforeEach
	void readTheDatabase() {
		this.queries = new Queries(this.db);
	}

	@Test
	void partitionsExistFromYesterdayToAWeekAheadAndALateEventGetsItsOwnDay() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(7)); day = day.plusDays(1)) {
			assertThat(this.queries.exists(Partitions.name(day))).as(Partitions.name(day)).isTrue();
		}
		LocalDate late = today.minusDays(60);
		this.api.accepted(AiLogApi.event("late-" + UUID.randomUUID(), late.atTime(5, 0).toInstant(ZoneOffset.UTC)));
		assertThat(this.queries.exists(Partitions.name(late))).isTrue();
		assertThat(this.queries.count("select count(*) from ai_logs_default")).isZero();
	}

	@Test
	void anExpiredDayIsArchivedVerifiedAndDroppedAndRestoresWithOneCall() throws Exception {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate older = today.minusDays(81);
		LocalDate old = today.minusDays(80);
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			events.add(AiLogApi.event("retention-" + UUID.randomUUID(), older.atTime(1, i).toInstant(ZoneOffset.UTC)));
		}
		for (int i = 0; i < 30; i++) {
			Map<String, Object> event = AiLogApi.event("retention-old", old.atTime(2, i).toInstant(ZoneOffset.UTC));
			event.put("finishReasons", List.of("stop", "length"));
			event.put("attributes", Map.of("feature", String.valueOf(i)));
			events.add(event);
		}
		assertThat(this.api.batch(events)).containsEntry("accepted", 42);
		long olderRows = this.queries.count("select count(*) from " + Partitions.name(older));
		long oldRows = this.queries.count("select count(*) from " + Partitions.name(old));

		List<ArchiveManifest> manifests = this.archiver.archiveBefore(today.minusDays(79));

		assertThat(manifests).extracting(ArchiveManifest::partition)
			.containsExactly(Partitions.name(older), Partitions.name(old));
		assertThat(manifests).extracting(ArchiveManifest::rowCount).containsExactly(olderRows, oldRows);
		assertThat(oldRows).isEqualTo(30);
		for (ArchiveManifest manifest : manifests) {
			Path archive = ARCHIVE_DIR.resolve(manifest.archive());
			assertThat(lines(archive)).as("rows in the archive = rows dropped").isEqualTo(manifest.rowCount());
			assertThat(sha256(archive)).isEqualTo(manifest.sha256());
			assertThat(this.queries.exists(manifest.partition())).as("dropped").isFalse();
			assertThat(this.queries.count("select count(*) from ai_log_ids where occurred_at >= '"
					+ manifest.rangeFrom() + "' and occurred_at < '" + manifest.rangeTo() + "'"))
				.isZero();
			assertThat(this.queries
				.count("select row_count from archive_manifests where partition_name = '" + manifest.partition() + "'"))
				.isEqualTo(manifest.rowCount());
		}
		Path manifestFile = ARCHIVE_DIR.resolve(Partitions.name(old) + ".manifest.json");
		assertThat(JsonMapper.shared().readTree(manifestFile.toFile()).get("rowCount").asLong()).isEqualTo(30);

		assertThat(this.restorer.restore(manifestFile)).isEqualTo(30);
		assertThat(this.queries.count("select count(*) from " + Partitions.name(old))).isEqualTo(30);
		Map<String, Object> restored = this.api.getJson("/api/admin/ai-logs/{id}", events.get(12).get("id"));
		assertThat(restored).containsEntry("finishReasons", List.of("stop", "length"))
			.containsEntry("attributes", Map.of("feature", "0"))
			.containsEntry("priced", true);
		assertThat(this.restorer.restore(manifestFile)).as("a second restore adds nothing").isZero();
	}

	@Test
	void aDamagedArchiveIsRefusedAndNothingIsRestored() throws Exception {
		LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(85);
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			events.add(AiLogApi.event("damaged-" + UUID.randomUUID(), day.atTime(3, i).toInstant(ZoneOffset.UTC)));
		}
		this.api.batch(events);
		ArchiveManifest manifest = this.archiver.archive(day);
		assertThat(manifest.rowCount()).isEqualTo(5);
		Path archive = ARCHIVE_DIR.resolve(manifest.archive());
		Files.write(archive, new byte[] { 0 }, StandardOpenOption.APPEND);
		assertThatExceptionOfType(ArchiveException.class)
			.isThrownBy(() -> this.restorer.restore(ARCHIVE_DIR.resolve(manifest.partition() + ".manifest.json")))
			.withMessageContaining("does not match its manifest");
		assertThat(this.queries.exists(manifest.partition())).isFalse();
	}

	private static long lines(Path archive) throws Exception {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(Files.newInputStream(archive)), StandardCharsets.UTF_8))) {
			return reader.lines().count();
		}
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
