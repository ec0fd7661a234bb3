package com.xorstack.ailog.retention;

import java.time.Instant;

/**
 * The manifest written beside an archive ({@code <partition>.manifest.json}): which rows
 * the archive holds and how to check that it is whole.
 *
 * @param partition the dropped partition
 * @param rangeFrom the first instant of its day
 * @param rangeTo the first instant of the next day
 * @param rowCount the rows in the archive, equal to the rows dropped
 * @param sha256 hex SHA-256 of the archive file as written
 * @param archive the archive's file name, beside the manifest
 * @param format how the archive is laid out
 * @param createdAt when the archive was written
 */
public record ArchiveManifest(String partition, Instant rangeFrom, Instant rangeTo, long rowCount, String sha256,
		String archive, String format, Instant createdAt) {

	static final String FORMAT = "gzip NDJSON, one ai_logs row per line as PostgreSQL row_to_json writes it";

}
