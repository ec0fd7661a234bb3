package com.xorstack.ailog.retention;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.devstack.DevStack;
import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore drill of docs/BACKUPS.md, with the scripts docker-compose runs: the
 * service's database is dumped by {@code deploy/postgres/backup.sh}, dropped, restored by
 * {@code deploy/postgres/restore.sh}, and the running service finds every row again,
 * reading as its runtime role (so the grants came back too). A database of its own, and
 * no Kafka listeners, so nothing else in this JVM notices.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.ailog.retention.cron=-", "xorstack.ailog.ingest.kafka-enabled=false" })
@AutoConfigureWebTestClient(timeout = "60s")
class BackupDrillIntegrationTests {

	static final String DATABASE = "ailog_drill";

	/** A digest of every row, ids and all, in a fixed order. */
	static final String CONTENT = "select md5(string_agg(t::text, '|' order by t.id)) from ai_logs t";

	static final Path SCRIPTS = Path.of("..", "deploy", "postgres").toAbsolutePath().normalize();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestStack.get()
			.springPropertiesOfScratchDatabase(DATABASE, "ailog")
			.forEach((name, value) -> registry.add(name, () -> value));
		registry.add("xorstack.ailog.retention.archive-dir", () -> Path.of("target", "drill-archive").toString());
	}

	AiLogApi api;

	@Autowired
	void api(WebTestClient web) {
		this.api = new AiLogApi(web);
	}

	@Test
	void aDumpedDroppedAndRestoredDatabaseHasEveryRowAndTheServiceReadsThem() throws Exception {
		List<Object> ids = ingest(120);
		DevStack stack = TestStack.get().devStack();
		String database = stack.databaseName(DATABASE);
		long rows = count(database, "select count(*) from ai_logs");
		long partitions = count(database, "select count(*) from pg_inherits where inhparent = 'ai_logs'::regclass");
		String content = text(database, CONTENT);
		Path backups = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backups-");

		run(List.of("bash", SCRIPTS.resolve("backup.sh").toString(), "--once"),
				Map.of("BACKUP_DIR", backups.toString(), "BACKUP_DATABASES", database, "BACKUP_GLOBALS", "false"));
		Path dump = onlyDump(backups.resolve(database));
		assertThat(dump.resolveSibling(dump.getFileName() + ".sha256")).exists();

		superuser("postgres", "drop database " + database + " with (force)");
		assertThat(count("postgres", "select count(*) from pg_database where datname = '" + database + "'")).isZero();

		run(List.of("bash", SCRIPTS.resolve("restore.sh").toString(), dump.toString()), Map.of());

		assertThat(count(database, "select count(*) from ai_logs")).isEqualTo(rows).isGreaterThanOrEqualTo(120);
		assertThat(count(database, "select count(*) from pg_inherits where inhparent = 'ai_logs'::regclass"))
			.isEqualTo(partitions);
		assertThat(text(database, CONTENT)).as("every column of every row").isEqualTo(content);
		// the pool's connections died with the database: the first requests may fail
		// until
		// they are replaced, as after any database restart
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.api.get("/api/admin/ai-logs/{id}", ids.get(0)).expectStatus().isOk());
		for (Object id : ids) {
			assertThat(this.api.getJson("/api/admin/ai-logs/{id}", id)).containsEntry("id", id);
		}
		// the runtime role writes again: a new day's partition through the owner's
		// function
		this.api.accepted(AiLogApi.event("drill-after",
				LocalDate.now(ZoneOffset.UTC).minusDays(3).atTime(6, 0).toInstant(ZoneOffset.UTC)));
		assertThat(count(database, "select count(*) from ai_logs")).isEqualTo(rows + 1);
	}

	private List<Object> ingest(int count) {
		List<Map<String, Object>> events = new ArrayList<>();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (int i = 0; i < count; i++) {
			events.add(AiLogApi.event("drill-" + UUID.randomUUID(),
					today.minusDays(i % 4).atTime(3, 0).plusSeconds(i).toInstant(ZoneOffset.UTC)));
		}
		assertThat(this.api.batch(events)).containsEntry("accepted", count);
		return events.stream().map((event) -> event.get("id")).toList();
	}

	private static Path onlyDump(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			List<Path> dumps = files.filter((file) -> file.toString().endsWith(".dump")).toList();
			assertThat(dumps).hasSize(1);
			return dumps.get(0);
		}
	}

	/** Runs a script with the superuser's libpq settings, as the backup service does. */
	private static void run(List<String> command, Map<String, String> environment) throws Exception {
		DevStack stack = TestStack.get().devStack();
		URI server = URI.create(stack.jdbcUrl(DATABASE).substring("jdbc:".length()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PGHOST", server.getHost());
		builder.environment().put("PGPORT", String.valueOf(server.getPort()));
		builder.environment().put("PGUSER", stack.postgresUser());
		builder.environment().put("PGPASSWORD", stack.postgresPassword());
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	private static void superuser(String database, String sql) throws SQLException {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long count(String database, String sql) throws SQLException {
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static String text(String database, String sql) throws SQLException {
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static Connection connect(String database) throws SQLException {
		DevStack stack = TestStack.get().devStack();
		String url = stack.jdbcUrl(DATABASE).replaceFirst("/[^/]+$", "/" + database);
		return DriverManager.getConnection(url, stack.postgresUser(), stack.postgresPassword());
	}

}
