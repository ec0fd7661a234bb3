package com.xorstack.metrics.uptime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.metrics.MetricsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Uptime checks against real servers on loopback (allow-listed in the tests), run at
 * instants the test chooses, 30 s apart, as the scheduler would.
 */
class UptimeIntegrationTests extends MetricsIntegrationTest {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	UptimeRunner runner;

	@Autowired
	UptimeReport report;

	@Autowired
	DatabaseClient db;

	/**
	 * The schedule, one step per 30 s: up 0-3, gone (port closed) 4-9, up 10-14, a body
	 * without the expected text 15-16 (two failures: fewer than three, no incident), up
	 * 17-19, 503 20-24, up 25-29. Three failures in a row open an incident from the
	 * first.
	 */
	@Test
	void aServerThatGoesDownAndComesBackYieldsItsIncidentsAndFigures() {
		try (FlakyServer server = new FlakyServer()) {
			Map<String, Object> check = postJson("/api/admin/uptime-checks", adminToken(), """
					{"name": "flaky %s", "type": "http", "url": "%s", "bodyContains": "ok", "interval": "PT30S",
					 "timeout": "PT5S", "failuresBeforeDown": 3}
					""".formatted(UUID.randomUUID(), server.url()), HttpStatus.CREATED);
			Instant base = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
			for (int step = 0; step < 30; step++) {
				if (step >= 4 && step <= 9) {
					server.down();
				}
				else if (step == 15 || step == 16) {
					server.answer(200, "nope");
				}
				else if (step >= 20 && step <= 24) {
					server.answer(503, "ok");
				}
				else {
					server.answer(200, "ok");
				}
				this.runner.runDue(base.plusSeconds(30L * step)).block(TIMEOUT);
			}
			String id = (String) check.get("id");
			List<Map<String, Object>> incidents = items(adminGet("/api/admin/uptime/incidents?checkId={id}", id));
			assertThat(incidents).hasSize(2);
			assertThat(incidents.get(0)).containsEntry("startedAt", base.plusSeconds(600).toString())
				.containsEntry("endedAt", base.plusSeconds(750).toString())
				.containsEntry("durationSeconds", 150)
				.containsEntry("failures", 5);
			assertThat((String) incidents.get(0).get("cause")).contains("503");
			assertThat(incidents.get(1)).containsEntry("startedAt", base.plusSeconds(120).toString())
				.containsEntry("endedAt", base.plusSeconds(300).toString())
				.containsEntry("durationSeconds", 180)
				.containsEntry("failures", 6);

			Instant end = base.plusSeconds(30 * 29);
			UptimeReport.CheckReport figures = this.report.of(end)
				.block(TIMEOUT)
				.items()
				.stream()
				.filter((item) -> item.id().toString().equals(id))
				.findFirst()
				.orElseThrow();
			assertThat(figures.status().state()).isEqualTo(UptimeCheck.UP);
			// 13 of 30 runs failed, the two of steps 15-16 included
			assertThat(figures.figures().uptimePercent().get("24h")).isCloseTo(100.0 * 17 / 30, within(1e-9));
			assertThat(figures.figures().uptimePercent().get("7d")).isCloseTo(100.0 * 17 / 30, within(1e-9));
			assertThat(figures.figures().incidents()).isEqualTo(2);
			assertThat(figures.figures().openIncidents()).isZero();
			assertThat(figures.figures().mttrSeconds()).isEqualTo(165);
			long observed = Duration.between(Instant.parse((String) check.get("createdAt")), end).toSeconds();
			assertThat(figures.figures().mtbfSeconds()).isEqualTo(Math.round((observed - 330) / 2.0));
			assertThat(figures.p50Ms()).isNotNull();
			assertThat(figures.p95Ms()).isGreaterThanOrEqualTo(figures.p50Ms());
			assertThat(figures.days()).hasSize(90);
			delete(id);
		}
	}

	@Test
	void twoRunnersClaimingAtOnceRunACheckOnce() {
		try (FlakyServer server = new FlakyServer()) {
			Map<String, Object> check = postJson("/api/admin/uptime-checks", adminToken(), """
					{"name": "shared %s", "type": "http", "url": "%s", "interval": "PT30S"}
					""".formatted(UUID.randomUUID(), server.url()), HttpStatus.CREATED);
			Instant at = Instant.now().plusSeconds(5);
			Mono.zip(this.runner.runDue(at), this.runner.runDue(at)).block(TIMEOUT);
			assertThat(server.hits()).isEqualTo(1);
			assertThat(runs((String) check.get("id"))).isEqualTo(1);
			delete((String) check.get("id"));
		}
	}

	@Test
	void aTcpCheckIsUpWhileThePortListensAndDownOnceClosed() throws IOException {
		ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Map<String, Object> check = postJson("/api/admin/uptime-checks", adminToken(), """
				{"name": "tcp %s", "type": "tcp", "host": "127.0.0.1", "port": %d, "interval": "PT30S",
				 "timeout": "PT2S", "failuresBeforeDown": 1}
				""".formatted(UUID.randomUUID(), socket.getLocalPort()), HttpStatus.CREATED);
		String id = (String) check.get("id");
		Instant at = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
		this.runner.runDue(at).block(TIMEOUT);
		assertThat(status(id)).containsEntry("state", "up");
		socket.close();
		this.runner.runDue(at.plusSeconds(30)).block(TIMEOUT);
		assertThat(status(id)).containsEntry("state", "down").containsEntry("since", at.plusSeconds(30).toString());
		delete(id);
	}

	@Test
	void checksAreValidatedNamingTheField() {
		String url = "http://127.0.0.1:9/x";
		assertRefused("/api/admin/uptime-checks", "{\"type\": \"http\", \"url\": \"" + url + "\"}", "name");
		assertRefused("/api/admin/uptime-checks", "{\"name\": \"v\", \"type\": \"ftp\"}", "type");
		assertRefused("/api/admin/uptime-checks",
				"{\"name\": \"v\", \"type\": \"http\", \"url\": \"" + url + "\", \"interval\": \"PT10S\"}", "interval");
		assertRefused("/api/admin/uptime-checks",
				"{\"name\": \"v\", \"type\": \"http\", \"url\": \"" + url + "\", \"interval\": \"PT2H\"}", "interval");
		assertRefused("/api/admin/uptime-checks",
				"{\"name\": \"v\", \"type\": \"http\", \"url\": \"" + url + "\", \"expectedStatus\": 99}",
				"expectedStatus");
		assertRefused("/api/admin/uptime-checks",
				"{\"name\": \"v\", \"type\": \"http\", \"url\": \"" + url + "\", \"method\": \"TRACE\"}", "method");
		assertRefused("/api/admin/uptime-checks", "{\"name\": \"v\", \"type\": \"http\", \"url\": \"ftp://x/\"}",
				"url");
		assertRefused("/api/admin/uptime-checks",
				"{\"name\": \"v\", \"type\": \"http\", \"url\": \"http://169.254.169.254/latest/meta-data/\"}", "url");
		assertRefused("/api/admin/uptime-checks",
				"{\"name\": \"v\", \"type\": \"tcp\", \"host\": \"10.1.2.3\", \"port\": 5432}", "host");
		assertRefused("/api/admin/uptime-checks",
				"{\"name\": \"v\", \"type\": \"tcp\", \"host\": \"127.0.0.1\", \"port\": 70000}", "port");
		assertRefused("/api/admin/uptime-checks",
				"{\"name\": \"v\", \"type\": \"tcp\", \"host\": \"127.0.0.1\", \"port\": 1, \"url\": \"" + url + "\"}",
				"url");
	}

	@Test
	void aBuiltInDatabaseCheckTurnsRedWhenItsDatabaseIsUnreachable() {
		// test-unreachable-database points at a port nothing listens on (the tests'
		// settings); metrics-database at the tests' PostgreSQL
		// stored once the application is ready
		Awaitility.await().atMost(TIMEOUT).until(() -> builtins().containsKey("test-unreachable-database"));
		Instant at = Instant.now().plus(Duration.ofDays(2));
		for (int i = 0; i < 2; i++) {
			this.runner.runDue(at.plusSeconds(30L * i)).block(TIMEOUT);
		}
		Map<String, Map<String, Object>> builtins = builtins();
		assertThat(builtins.get("test-unreachable-database")).containsEntry("type", "builtin");
		assertThat(status(builtins.get("test-unreachable-database"))).containsEntry("state", "down");
		assertThat(status(builtins.get("metrics-database"))).containsEntry("state", "up");
		assertThat(status(builtins.get("keycloak"))).containsEntry("state", "up");
		this.web.delete()
			.uri("/api/admin/uptime-checks/{id}", builtins.get("metrics-database").get("id"))
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void thePublicStatusIsOffByDefaultAndNeedsNoToken() {
		this.web.get().uri("/api/status").exchange().expectStatus().isNotFound();
	}

	@Test
	void thePublicStatusNamesChecksAndNothingThatIdentifiesThem() {
		UptimeReport.Report report = this.report.of(Instant.now()).block(TIMEOUT);
		StatusController.PublicStatus status = StatusController.published(report);
		assertThat(status.checks()).hasSize(report.items().size());
		assertThat(status.checks()).allSatisfy((check) -> assertThat(check.days()).hasSize(90));
		assertThat(status.toString()).doesNotContain(report.items().get(0).id().toString());
	}

	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Object>> builtins() {
		Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
		for (Map<String, Object> item : items(adminGet("/api/admin/uptime-checks"))) {
			byName.put((String) item.get("name"), item);
		}
		return byName;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> status(Map<String, Object> check) {
		return (Map<String, Object>) check.get("status");
	}

	private Map<String, Object> status(String id) {
		return status(adminGet("/api/admin/uptime-checks/{id}", id));
	}

	private long runs(String id) {
		return this.db
			.sql("select count(*) as n from uptime_results r join uptime_checks c on c.no = r.check_no"
					+ " where c.id = :id")
			.bind("id", UUID.fromString(id))
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(TIMEOUT);
	}

	private void delete(String id) {
		this.web.delete()
			.uri("/api/admin/uptime-checks/{id}", id)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isNoContent();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("items");
	}

}
