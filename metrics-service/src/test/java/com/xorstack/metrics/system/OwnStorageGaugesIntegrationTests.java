package com.xorstack.metrics.system;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.metrics.MetricsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * metrics-service measures its own tables too (platform's storage gauges, first run 10 s
 * after start) and, consuming {@code system.metrics.v1}, stores those readings like any
 * other: one kind per table, a partitioned rollup table once, never its partitions.
 */
class OwnStorageGaugesIntegrationTests extends MetricsIntegrationTest {

	@Autowired
	DatabaseClient db;

	@Test
	void itsOwnTablesAreStoredAsStorageGauges() {
		await().atMost(Duration.ofSeconds(60)).until(() -> kinds().contains("system_metrics"));
		List<String> partitions = names("select relid::text from pg_partition_tree('rollup_minute')"
				+ " where relid <> 'rollup_minute'::regclass");
		assertThat(partitions).isNotEmpty();
		assertThat(kinds()).contains("system_metrics", "rollup_minute", "rollup_hour", "outbox")
			.doesNotContain("flyway_schema_history")
			.doesNotContainAnyElementsOf(partitions);
	}

	private List<String> kinds() {
		return names("select distinct labels ->> 'kind' from system_metrics"
				+ " where name = 'storage.bytes' and labels ->> 'service' = 'metrics-service'");
	}

	private List<String> names(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, String.class)).all().collectList().block();
	}

}
