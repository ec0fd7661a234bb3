package com.xorstack.metrics.database;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.metrics.MetricsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * This service's own statements, measured by the platform's database metrics, published
 * on {@code system.metrics.v1} every 10 s here, stored from there like any gauge and
 * served by {@code GET /api/admin/metrics/database}.
 */
class DatabaseMetricsIntegrationTests extends MetricsIntegrationTest {

	@Autowired
	private DatabaseClient db;

	@Test
	@SuppressWarnings("unchecked")
	void statementsAreMeasuredExactlyStrippedOfLiteralsAndServed() {
		// a column name of this run's own, so that earlier runs' readings of the same
		// statement (same database) do not add up with this one's
		String column = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String secret = "mrn-" + UUID.randomUUID();
		for (int i = 0; i < 4; i++) {
			this.db
				.sql("select pg_sleep(0.02), '" + secret + "' as " + column
						+ " from generate_series(1, 3) where :name <> 'x'")
				.bind("name", "Jane Doe")
				.fetch()
				.all()
				.collectList()
				.block(Duration.ofSeconds(30));
		}
		// a list of literals is one "?, ..." (an in-list of any length is one statement)
		String text = "select pg_sleep(?), ? as " + column + " from generate_series(?, ...) where ? <> ?";
		Map<String, Object> statement = await().atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> find(report("metrics-service"), "slowestByTotal", text),
					(found) -> found != null && ((Number) found.get("calls")).longValue() == 4);
		assertThat(statement).containsEntry("service", "metrics-service")
			.containsEntry("errors", 0)
			.containsEntry("rows", 12);
		assertThat((String) statement.get("statement")).matches("[0-9a-f]{12}");
		assertThat(((Number) statement.get("p95Ms")).doubleValue()).isGreaterThanOrEqualTo(19.0);
		assertThat(((Number) statement.get("meanMs")).doubleValue()).isGreaterThanOrEqualTo(19.0);
		assertThat(((Number) statement.get("totalMs")).doubleValue()).isGreaterThanOrEqualTo(4 * 19.0);
		assertThat(find(report("metrics-service"), "slowestByP95", text)).isNotNull();
		Map<String, Object> pool = ((List<Map<String, Object>>) report("metrics-service").get("pools")).get(0);
		assertThat(pool).containsEntry("service", "metrics-service");
		assertThat(((Number) pool.get("acquires")).longValue()).isPositive();
		assertThat(((Number) pool.get("max")).longValue()).isPositive();
		assertThat(storedReadingsContaining(secret)).isZero();
		assertThat(storedReadingsContaining("Jane Doe")).isZero();
	}

	@Test
	void anotherServiceHasNoneOfThisServicesStatements() {
		Map<String, Object> report = report("no-such-service");
		assertThat(report).containsEntry("service", "no-such-service")
			.containsEntry("slowestByP95", List.of())
			.containsEntry("slowestByTotal", List.of())
			.containsEntry("pools", List.of());
	}

	@Test
	void badParametersAreRefusedNamingTheField() {
		assertRefusedQuery("/api/admin/metrics/database?service=Bad%20Name", "service");
		assertRefusedQuery("/api/admin/metrics/database?window=forever", "window");
		assertRefusedQuery("/api/admin/metrics/database?limit=0", "limit");
	}

	@Test
	void moderatorsMayNotReadIt() {
		this.web.get()
			.uri("/api/admin/metrics/database")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-moderator")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private Map<String, Object> report(String service) {
		return adminGet("/api/admin/metrics/database?service={service}&window=15m&limit=50", service);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> find(Map<String, Object> report, String ranking, String text) {
		return ((List<Map<String, Object>>) report.get(ranking)).stream()
			.filter((item) -> text.equals(item.get("text")))
			.findFirst()
			.orElse(null);
	}

	private long storedReadingsContaining(String text) {
		return this.db
			.sql("select count(*) from system_metrics where name like 'db.%' and cast(labels as text) like :text")
			.bind("text", "%" + text + "%")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(30));
	}

}
