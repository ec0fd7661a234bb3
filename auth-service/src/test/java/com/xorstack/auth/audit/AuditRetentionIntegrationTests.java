package com.xorstack.auth.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention drops whole months of the audit log, oldest first, leaving an anchor from
 * which the rest of the chain still verifies; a month dropped by hand is caught. Runs on
 * its own database with a clock the test moves, so that no other test's rows expire.
 */
@SpringBootTest(properties = { "spring.kafka.listener.auto-startup=false", "xorstack.audit.retention=P2Y" })
class AuditRetentionIntegrationTests {

	static final MovableClock clock = new MovableClock(Instant.now());

	@Autowired
	AuditLog audit;

	@Autowired
	AuditRetention retention;

	@Autowired
	DatabaseClient db;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.registerScratch(registry, "auth_retention");
	}

	@Test
	void monthsAheadAreReadyAtStart() {
		YearMonth now = YearMonth.now(ZoneOffset.UTC);
		assertThat(partitions()).contains(now, now.plusMonths(1), now.plusMonths(2));
	}

	@Test
	void expiredMonthsAreDroppedAnchoredAndTheChainStillVerifies() {
		clock.set("2024-01-15T10:00:00Z");
		for (int i = 0; i < 3; i++) {
			record("january-" + i);
		}
		String lastJanuaryHash = this.db
			.sql("select hash from audit_log where recorded_at < '2024-02-01Z' order by seq desc limit 1")
			.map((row) -> row.get("hash", String.class))
			.one()
			.block();
		clock.set("2024-02-10T10:00:00Z");
		UUID firstFebruary = record("february-0");
		record("february-1");

		// two years and a few days later: January 2024 is wholly past retention, February
		// not
		clock.set("2026-02-05T00:00:00Z");
		List<YearMonth> dropped = this.retention.expire(clock.instant()).block();

		assertThat(dropped).containsExactly(YearMonth.of(2024, 1));
		assertThat(partitions()).doesNotContain(YearMonth.of(2024, 1)).contains(YearMonth.of(2024, 2));
		assertThat(countWhere("recorded_at < '2024-02-01Z'")).isZero();
		assertThat(countWhere("recorded_at >= '2024-02-01Z' and recorded_at < '2024-03-01Z'")).isEqualTo(2);
		Map<String, Object> anchor = this.db
			.sql("select partition_name, rows_dropped, last_hash from audit_anchor order by seq desc limit 1")
			.fetch()
			.one()
			.block();
		assertThat(anchor).containsEntry("partition_name", "audit_log_y2024m01")
			.containsEntry("rows_dropped", 3L)
			.containsEntry("last_hash", lastJanuaryHash);
		assertThat(countWhere("action = '" + AuditRetention.EXPIRED_ACTION + "' and target = 'audit_log/2024-01'"))
			.as("the drop itself is audited")
			.isEqualTo(1);

		AuditVerification afterExpiry = this.audit.verify().block();
		assertThat(afterExpiry.valid()).isTrue();
		assertThat(afterExpiry.checked()).isEqualTo(countWhere("true"));

		record("after-expiry");
		assertThat(this.audit.verify().block().valid()).as("new rows continue the chain").isTrue();

		// refused even to the owner; the service's role has no such privilege at all
		assertThatThrownBy(() -> TestStack.get().executeAsOwner("auth_retention", "delete from audit_anchor"))
			.hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> TestStack.get().executeAsOwner("auth_retention", "update audit_anchor set last_hash = 'x'"))
			.hasMessageContaining("append-only");

		// a month dropped by hand (by the owner: the service cannot), with no anchor,
		// breaks
		// the chain where it was
		TestStack.get().executeAsOwner("auth_retention", "drop table audit_log_y2024m02");
		AuditVerification afterTampering = this.audit.verify().block();
		assertThat(afterTampering.valid()).isFalse();
		assertThat(afterTampering.firstBrokenId()).isNotEqualTo(firstFebruary).isNotNull();
		assertThat(afterTampering.checked()).isEqualTo(1);
	}

	private UUID record(String target) {
		this.audit.record("tester", "test.retention", target, Map.of()).block();
		return this.db.sql("select id from audit_log where target = :target")
			.bind("target", target)
			.map((row) -> row.get("id", UUID.class))
			.one()
			.block();
	}

	private long countWhere(String condition) {
		return this.db.sql("select count(*) as n from audit_log where " + condition)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private List<YearMonth> partitions() {
		return this.db
			.sql("select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid"
					+ " where i.inhparent = 'audit_log'::regclass")
			.map((row) -> AuditPartitions.monthOf(row.get("name", String.class)))
			.all()
			.collectList()
			.block();
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
