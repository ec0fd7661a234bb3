package com.xorstack.ailog;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ailog-service starts on its own database, migrated by Flyway, and applies the role
 * table.
 */
class AilogServiceIntegrationTests extends AilogIntegrationTest {

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Test
	void aiLogsTableIsPartitionedByTime() {
		String strategy = this.db
			.sql("select p.partstrat from pg_partitioned_table p join pg_class c on c.oid = p.partrelid"
					+ " where c.relname = 'ai_logs'")
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(strategy).as("range partitioning").isEqualTo("r");
	}

	@Test
	void readinessIsUpWithoutAToken() {
		this.web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void onlyAdminsReadAiLogsAndOnlyIngestClientsWriteThem() {
		this.web.get()
			.uri("/api/admin/ai-logs")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-moderator")))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.post()
			.uri("/api/ai-logs")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.get().uri("/api/admin/ai-logs").exchange().expectStatus().isUnauthorized();
	}

}
