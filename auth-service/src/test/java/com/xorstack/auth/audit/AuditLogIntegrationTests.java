package com.xorstack.auth.audit;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log refuses changes, chains every row, and verify finds a row altered behind
 * the database's back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AuditLogIntegrationTests {

	@Autowired
	AuditLog audit;

	@Autowired
	DatabaseClient db;

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.register(registry);
	}

	@Test
	void theTriggersRefuseUpdateDeleteAndTruncateEvenToTheOwner() {
		// the service's own role may not even try (AuditRuntimeRoleIntegrationTests)
		String target = record("immutable");
		assertThatThrownBy(() -> asOwner("update audit_log set actor = 'mallory' where target = '" + target + "'"))
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> asOwner("delete from audit_log where target = '" + target + "'"))
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> asOwner("truncate audit_log")).hasMessageContaining("append-only");
	}

	private static void asOwner(String sql) {
		TestStack.get().executeAsOwner("auth", sql);
	}

	@Test
	void concurrentAppendsKeepTheChainIntact() {
		Flux.range(0, 40)
			.flatMap((i) -> this.audit.record("actor-" + i, "test.concurrent", "thing/" + i, Map.of("i", i)), 16)
			.blockLast();
		verify().jsonPath("$.valid").isEqualTo(true).jsonPath("$.firstBrokenId").doesNotExist();
	}

	@Test
	void aRowAlteredBehindTheTriggersIsCaughtByVerify() {
		String target = record("tampered");
		record("after-tampered");
		UUID id = this.db.sql("select id from audit_log where target = :t")
			.bind("t", target)
			.map((row) -> row.get("id", UUID.class))
			.one()
			.block();
		// what a superuser could do: replica mode skips ordinary triggers
		tamper(id, "mallory");
		try {
			verify().jsonPath("$.valid")
				.isEqualTo(false)
				.jsonPath("$.firstBrokenId")
				.isEqualTo(id.toString())
				.jsonPath("$.checked")
				.value((checked) -> assertThat(((Number) checked).longValue()).isPositive());
		}
		finally {
			tamper(id, "tester");
		}
		verify().jsonPath("$.valid").isEqualTo(true);
	}

	@Test
	void auditIsFilterableAndPagedNewestFirst() {
		String actor = "pager-" + UUID.randomUUID();
		for (int i = 0; i < 5; i++) {
			this.audit.record(actor, "test.paged", "thing/" + i, Map.of()).block();
		}
		String cursor = this.web.get()
			.uri("/api/admin/audit?actor={actor}&limit=3", actor)
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(AuditPage.class)
			.returnResult()
			.getResponseBody()
			.nextCursor();
		this.web.get()
			.uri("/api/admin/audit?actor={actor}&limit=3&cursor={cursor}", actor, cursor)
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(2)
			.jsonPath("$.items[1].target")
			.isEqualTo("thing/0")
			.jsonPath("$.nextCursor")
			.doesNotExist();
		this.web.get()
			.uri("/api/admin/audit?actor={actor}&target=thing/3&from=2000-01-01T00:00:00Z", actor)
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].action")
			.isEqualTo("test.paged");
	}

	@Test
	void moderatorsCannotReadTheAuditLog() {
		this.web.get()
			.uri("/api/admin/audit/verify")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-moderator")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private WebTestClient.BodyContentSpec verify() {
		return this.web.get()
			.uri("/api/admin/audit/verify")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private String record(String kind) {
		String target = kind + "/" + UUID.randomUUID();
		this.audit.record("tester", "test.recorded", target, Map.of("kind", kind)).block();
		return target;
	}

	private void tamper(UUID id, String actor) {
		TestStack.get()
			.executeAsSuperuser("auth", "set local session_replication_role = replica",
					"update audit_log set actor = '" + actor + "' where id = '" + id + "'");
	}

	record AuditPage(java.util.List<Object> items, String nextCursor) {
	}

}
