package com.xorstack.auth.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.devstack.EventSchemas;
import com.xorstack.platform.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Chain keys, their rotation, and the signed head, without a database. */
class AuditChainKeysTests {

	static final String KEY_2 = "first-audit-chain-key-0123456789abcdef";

	static final String KEY_3 = "second-audit-chain-key-0123456789abcdef";

	@Test
	void aShortKeyIsRefusedAtStart() {
		assertThatIllegalStateException().isThrownBy(() -> keys("too-short", 2, null))
			.withMessageContaining("fewer than 32 characters");
	}

	@Test
	void withoutAKeyTheChainIsKeyedWithThePublicDevelopmentKeyAndSaysSo() {
		AuditChainKeys keys = keys(null, 2, null);
		assertThat(keys.development()).isTrue();
		AuditVerification.Walk walk = new AuditVerification.Walk(AuditRow.GENESIS, keys, null, null);
		walk.warn(AuditChainKeys.DEVELOPMENT_WARNING);
		assertThat(walk.result().warnings()).contains(AuditChainKeys.DEVELOPMENT_WARNING);
	}

	@Test
	void aNewKeyStartsANewVersionLinkedToTheOldHeadAndBothStillVerify() {
		AuditChainKeys before = keys(KEY_2, 2, null);
		AuditRow old = stored(1, AuditRow.chained(before, AuditRow.GENESIS, UUID.randomUUID(), Instant.EPOCH,
				Instant.EPOCH, "tester", "test.rotation", "old", "/auth-service", null, "{}"));
		AuditChainKeys rotated = keys(KEY_3, 3, Map.of(2, KEY_2));
		// the first row of version 3 signs the old head's hash with the new key: the link
		AuditRow link = stored(2, AuditRow.chained(rotated, old.hash(), UUID.randomUUID(), Instant.EPOCH, Instant.EPOCH,
				"tester", "test.rotation", "new", "/auth-service", null, "{}"));
		assertThat(link.chainVersion()).isEqualTo(3);

		AuditVerification.Walk walk = new AuditVerification.Walk(AuditRow.GENESIS, rotated, null, null);
		assertThat(walk.accept(old)).isTrue();
		assertThat(walk.accept(link)).isTrue();

		AuditVerification.Walk withoutOldKey = new AuditVerification.Walk(AuditRow.GENESIS, keys(KEY_3, 3, null), null,
				null);
		assertThat(withoutOldKey.accept(old)).isFalse();
		assertThat(withoutOldKey.result().problem()).contains("whose key this service was not given");
	}

	@Test
	void theHeadConformsToItsSchemaAndItsSignatureCoversEveryField() {
		AuditChainKeys keys = keys(KEY_2, 2, null);
		AuditChainHead head = AuditChainHead.signed(new AuditChainHead.Tip(42, UUID.randomUUID(), "ab".repeat(32), 2),
				7L, Instant.parse("2026-12-02T01:00:00Z"), keys);
		String json = JsonMapper.builder().build().writeValueAsString(head.data());
		EventSchemas.assertConforms(EventTypes.AUDIT_CHAIN_HEAD, json);

		AuditChainHead read = AuditChainHead.of(JsonMapper.builder().build().readTree(json));
		assertThat(read).isEqualTo(head);
		assertThat(read.signatureValid(keys)).isTrue();
		AuditChainHead shorter = new AuditChainHead(41, head.id(), head.hash(), 2, 7L, head.publishedAt(),
				head.signature());
		assertThat(shorter.signatureValid(keys)).isFalse();
		assertThat(head.signatureValid(keys(KEY_3, 2, null))).as("signed with another key").isFalse();
	}

	private static AuditRow stored(long seq, AuditRow row) {
		return new AuditRow(seq, row.id(), row.occurredAt(), row.recordedAt(), row.actor(), row.action(), row.target(),
				row.source(), row.eventId(), row.details(), row.chainVersion(), row.prevHash(), row.hash());
	}

	private static AuditChainKeys keys(@Nullable String key, int version, @Nullable Map<Integer, String> previous) {
		return new AuditChainKeys(new AuditProperties(Period.ofYears(2), 2, Duration.ofHours(6), key, version, previous,
				"audit.chain-head.v1", Duration.ofMinutes(1), List.of("/feedback-service")));
	}

}
