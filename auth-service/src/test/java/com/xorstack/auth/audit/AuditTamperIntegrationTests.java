package com.xorstack.auth.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attacks of someone holding a superuser connection to PostgreSQL (issue 18), each
 * made for real: verify must fail and name the first bad entry, or the database must
 * refuse. Runs on a scratch database, and each test puts the rows it attacked back byte
 * for byte, so that the next one starts from an intact chain.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
class AuditTamperIntegrationTests {

	@Autowired
	AuditLog audit;

	@Autowired
	DatabaseClient db;

	/** Four fresh rows a, b, c, d, the newest last. */
	List<Map<String, Object>> rows;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.registerScratch(registry, "auth_tamper");
	}

	@BeforeEach
	void recordFourRows() {
		String batch = UUID.randomUUID().toString();
		for (String name : List.of("a", "b", "c", "d")) {
			this.audit.record("tester", "test.tamper", batch + "/" + name, Map.of("n", name)).block();
		}
		this.rows = this.db.sql("select * from audit_log where target like :batch order by seq")
			.bind("batch", batch + "/%")
			.fetch()
			.all()
			.collectList()
			.block();
		AuditVerification before = awaitAnchored(seq(3));
		assertThat(before.valid()).as("the chain before the attack").isTrue();
	}

	@AfterEach
	void restore() {
		superuser("delete from audit_log where seq >= " + seq(0));
		for (Map<String, Object> row : this.rows) {
			insertAsIs(row);
		}
		assertThat(this.audit.verify().block().valid()).as("the chain once restored").isTrue();
	}

	@Test
	void anEditedRowIsNamed() {
		superuser("update audit_log set actor = 'mallory' where seq = " + seq(1));

		assertBrokenAt(1);
	}

	@Test
	void aDeletedRowIsNamedByTheEntryThatLinkedToIt() {
		superuser("delete from audit_log where seq = " + seq(1));

		assertBrokenAt(2);
	}

	@Test
	void theNewestRowsCutOffAreCaughtByTheAnchoredHead() {
		superuser("delete from audit_log where seq >= " + seq(2));

		AuditVerification verification = this.audit.verify().block();
		assertThat(verification.valid()).isFalse();
		assertThat(verification.lastIntactSeq()).isEqualTo(seq(1));
		assertThat(verification.problem()).contains("seq " + seq(3)).contains(id(3).toString());
	}

	@Test
	void aChainRecomputedWithPlainSha256AfterAnEditIsNamedAtTheEdit() {
		String prev = (String) this.rows.get(0).get("hash");
		for (int i = 1; i < 4; i++) {
			Map<String, Object> row = this.rows.get(i);
			String actor = (i == 1) ? "mallory" : (String) row.get("actor");
			String hash = plainSha256(prev, row, actor);
			superuser("update audit_log set actor = '" + actor + "', prev_hash = '" + prev + "', hash = '" + hash
					+ "' where seq = " + seq(i));
			prev = hash;
		}

		assertBrokenAt(1);
	}

	@Test
	void everyPartitionRefusesTruncate() {
		List<String> partitions = this.db
			.sql("select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid"
					+ " where i.inhparent = 'audit_log'::regclass")
			.map((row) -> row.get("name", String.class))
			.all()
			.collectList()
			.block();
		// one made now, as the service makes the next months
		partitions.add(this.db.sql("select audit_log_ensure_partition('2099-05-01') as name")
			.map((row) -> row.get("name", String.class))
			.one()
			.block());
		assertThat(partitions).hasSizeGreaterThanOrEqualTo(4);
		// as the owner: the service's own role may not even try
		// (AuditRuntimeRoleIntegrationTests)
		for (String partition : partitions) {
			assertThatThrownBy(() -> TestStack.get().executeAsOwner("auth_tamper", "truncate " + partition))
				.as(partition)
				.hasMessageContaining("append-only");
		}
		assertThatThrownBy(() -> TestStack.get().executeAsOwner("auth_tamper", "truncate audit_log"))
			.hasMessageContaining("append-only");
	}

	private void assertBrokenAt(int index) {
		AuditVerification verification = this.audit.verify().block();
		assertThat(verification.valid()).isFalse();
		assertThat(verification.firstBrokenId()).isEqualTo(id(index));
		assertThat(verification.firstBrokenSeq()).isEqualTo(seq(index));
	}

	/** Polls until the head published outside the database has reached the given row. */
	private AuditVerification awaitAnchored(long seq) {
		long deadline = System.nanoTime() + 30_000_000_000L;
		AuditVerification verification = this.audit.verify().block();
		while (verification.anchoredHead() == null || verification.anchoredHead().seq() < seq) {
			assertThat(System.nanoTime()).as("the head anchored in time").isLessThan(deadline);
			sleep();
			verification = this.audit.verify().block();
		}
		return verification;
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long seq(int index) {
		return ((Number) this.rows.get(index).get("seq")).longValue();
	}

	private UUID id(int index) {
		return (UUID) this.rows.get(index).get("id");
	}

	/** What the triggers let no one do, but a superuser in replica mode can. */
	private void superuser(String sql) {
		TestStack.get().executeAsSuperuser("auth_tamper", "set local session_replication_role = replica", sql);
	}

	private void insertAsIs(Map<String, Object> row) {
		List<String> columns = new ArrayList<>(row.keySet());
		String sql = "insert into audit_log (" + String.join(", ", columns) + ") values (:"
				+ String.join(", :", columns) + ")";
		GenericExecuteSpec insert = this.db.sql(sql);
		for (String column : columns) {
			Object value = row.get(column);
			insert = (value != null) ? insert.bind(column, value) : insert.bind(column, Parameter.empty(String.class));
		}
		insert.then().block();
	}

	/**
	 * The attacker's hash: the unkeyed SHA-256 of the original chain over the same
	 * canonical form (the code is no secret).
	 */
	private static String plainSha256(String prev, Map<String, Object> row, String actor) {
		StringBuilder canonical = new StringBuilder(prev);
		field(canonical, row.get("id").toString());
		field(canonical, instant(row.get("occurred_at")));
		field(canonical, instant(row.get("recorded_at")));
		field(canonical, actor);
		field(canonical, (String) row.get("action"));
		field(canonical, (String) row.get("target"));
		field(canonical, (String) row.get("source"));
		field(canonical, (String) row.get("event_id"));
		field(canonical, (String) row.get("details"));
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return java.util.HexFormat.of()
				.formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String instant(Object value) {
		return ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
	}

	private static void field(StringBuilder canonical, String value) {
		if (value == null) {
			canonical.append("|-1:");
			return;
		}
		canonical.append('|').append(value.length()).append(':').append(value);
	}

}
