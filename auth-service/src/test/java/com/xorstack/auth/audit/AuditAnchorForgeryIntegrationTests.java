package com.xorstack.auth.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A superuser who drops a month of the audit log before its time and leaves an anchor of
 * their own, as retention would, so that the rest still links: verify names the forged
 * anchor, because only auth-service holds the key that signs anchors.
 */
@SpringBootTest(properties = { "spring.kafka.listener.auto-startup=false", "xorstack.audit.retention=P2Y" })
class AuditAnchorForgeryIntegrationTests {

	private static final String DATABASE = "auth_anchor";

	static final MovableClock clock = new MovableClock(Instant.parse("2024-03-10T10:00:00Z"));

	@Autowired
	AuditLog audit;

	@Autowired
	DatabaseClient db;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.registerScratch(registry, DATABASE);
	}

	@Test
	void aMonthDroppedBeforeItsTimeBehindAForgedAnchorIsNamed() {
		clock.set("2024-03-10T10:00:00Z");
		record("march-0");
		record("march-1");
		clock.set("2024-04-10T10:00:00Z");
		record("april-0");
		record("april-1");
		assertThat(this.audit.verify().block().valid()).as("the chain before the attack").isTrue();
		Map<String, Object> lastOfMarch = this.db
			.sql("select seq, hash from audit_log where recorded_at < '2024-04-01Z' order by seq desc limit 1")
			.fetch()
			.one()
			.block();

		// what retention would write, but a year and a half early and without the key
		TestStack.get()
			.executeAsSuperuser(DATABASE, "drop table audit_log_y2024m03",
					"insert into audit_anchor (partition_name, range_end, rows_dropped, last_seq, last_hash,"
							+ " chain_version, signature) values ('audit_log_y2024m03', '2024-04-01Z', 2, "
							+ lastOfMarch.get("seq") + ", '" + lastOfMarch.get("hash") + "', 2, '" + "0".repeat(64)
							+ "')");

		AuditVerification verification = this.audit.verify().block();
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problem()).contains("Retention anchor seq")
			.contains("audit_log_y2024m03")
			.contains("does not verify with the chain key");
	}

	private void record(String target) {
		this.audit.record("tester", "test.anchor", target, Map.of()).block();
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
