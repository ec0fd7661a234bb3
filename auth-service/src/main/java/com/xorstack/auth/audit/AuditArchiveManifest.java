package com.xorstack.auth.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The manifest stored beside an archived month of the audit log
 * ({@code <partition>.manifest.json}). To verify the month later: the first row's
 * {@code prev_hash} must be {@code previousAnchor.last_hash} (or the chain's start when
 * there was no anchor), each row's hash is the HMAC of its fields and the previous hash
 * under the key of its {@code chain_version} (README, "Audit log"), and the last must be
 * {@code lastHash}, which is also the {@code last_hash} of the anchor retention wrote
 * when it dropped the month.
 *
 * @param partition the dropped partition
 * @param month the month it held, {@code 2024-01}
 * @param rowCount the rows in the archive
 * @param sha256 hex SHA-256 of the archive file
 * @param firstPrevHash the {@code prev_hash} of the month's first row; null for an empty
 * month
 * @param lastSeq the seq of its last row
 * @param lastHash the hash of its last row
 * @param previousAnchor the newest {@code audit_anchor} row before this month's, as JSON
 * (empty when there was none)
 * @param archive the archive's name, beside the manifest
 * @param format how the archive is laid out
 * @param createdAt when the archive was written
 */
record AuditArchiveManifest(String partition, String month, long rowCount, String sha256,
		@Nullable String firstPrevHash, @Nullable Long lastSeq, @Nullable String lastHash, JsonNode previousAnchor,
		String archive, String format, Instant createdAt) {

	static final String FORMAT = "gzip NDJSON, one audit_log row per line as PostgreSQL row_to_json writes it, by seq";

}
