package com.xorstack.auth.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code audit_log} as stored. Its hash is taken over the previous row's hash
 * and a canonical form of every other column, each field length-prefixed so that no two
 * different rows can read the same: SHA-256 for chain version 1 (rows written before the
 * chain was keyed), HMAC-SHA256 with the key of its version for 2 and up.
 *
 * @param seq the chain order, 0 until the row is stored
 */
record AuditRow(long seq, UUID id, Instant occurredAt, Instant recordedAt, String actor, String action, String target,
		String source, @Nullable String eventId, String details, int chainVersion, String prevHash, String hash) {

	/** The {@code prev_hash} of the first row. */
	static final String GENESIS = "0".repeat(64);

	static AuditRow chained(AuditChainKeys keys, String prevHash, UUID id, Instant occurredAt, Instant recordedAt,
			String actor, String action, String target, String source, @Nullable String eventId, String details) {
		AuditRow unhashed = new AuditRow(0, id, occurredAt, recordedAt, actor, action, target, source, eventId, details,
				keys.currentVersion(), prevHash, "");
		return new AuditRow(0, id, occurredAt, recordedAt, actor, action, target, source, eventId, details,
				keys.currentVersion(), prevHash, unhashed.computeHash(keys));
	}

	static AuditRow of(Readable row) {
		return new AuditRow(row.get("seq", Long.class), row.get("id", UUID.class),
				row.get("occurred_at", OffsetDateTime.class).toInstant(),
				row.get("recorded_at", OffsetDateTime.class).toInstant(), row.get("actor", String.class),
				row.get("action", String.class), row.get("target", String.class), row.get("source", String.class),
				row.get("event_id", String.class), row.get("details", String.class),
				((Number) row.get("chain_version")).intValue(), row.get("prev_hash", String.class),
				row.get("hash", String.class));
	}

	String computeHash(AuditChainKeys keys) {
		StringBuilder canonical = new StringBuilder(this.prevHash);
		field(canonical, this.id.toString());
		field(canonical, this.occurredAt.toString());
		field(canonical, this.recordedAt.toString());
		field(canonical, this.actor);
		field(canonical, this.action);
		field(canonical, this.target);
		field(canonical, this.source);
		field(canonical, this.eventId);
		field(canonical, this.details);
		if (this.chainVersion == 1) {
			return sha256(canonical.toString());
		}
		// the version is signed too: a row cannot be moved to another key's chain
		return keys.hmac(this.chainVersion, "v" + this.chainVersion + "|" + canonical);
	}

	private static void field(StringBuilder canonical, @Nullable String value) {
		if (value == null) {
			canonical.append("|-1:");
			return;
		}
		canonical.append('|').append(value.length()).append(':').append(value);
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
