package com.xorstack.auth.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.xorstack.platform.archive.ArchiveFiles;
import com.xorstack.platform.archive.ArchiveMetrics;
import com.xorstack.platform.archive.ArchiveStorageProperties;
import com.xorstack.platform.archive.ArchiveUploader;

/**
 * Archives an expired month of the audit log before retention drops it: every row as
 * written (seq, hashes, chain version, details byte for byte) to gzip NDJSON, with a
 * manifest that also holds the anchor the month's chain starts from, so that the month
 * can be verified on its own later with the chain key of its version. Stored and read
 * back through platform's uploader; blocking, on the maintenance thread.
 */
@Component
class AuditArchiver {

	private static final Logger logger = LoggerFactory.getLogger(AuditArchiver.class);

	static final String DATA = "audit_log";

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final DatabaseClient db;

	private final ArchiveUploader uploader;

	private final ArchiveStorageProperties storage;

	private final ArchiveMetrics metrics;

	private final JsonMapper json;

	private final Clock clock;

	AuditArchiver(DatabaseClient db, ArchiveUploader uploader, ArchiveStorageProperties storage, MeterRegistry meters,
			JsonMapper json, Clock clock) {
		this.db = db;
		this.uploader = uploader;
		this.storage = storage;
		this.metrics = new ArchiveMetrics(meters, DATA);
		this.json = json;
		this.clock = clock;
	}

	ArchiveMetrics metrics() {
		return this.metrics;
	}

	/** Archives one month and answers its manifest; throws if it is not stored whole. */
	AuditArchiveManifest archive(YearMonth month) {
		try {
			AuditArchiveManifest manifest = write(month);
			this.metrics.archived(manifest.createdAt());
			return manifest;
		}
		catch (RuntimeException ex) {
			this.metrics.failed();
			throw ex;
		}
	}

	private AuditArchiveManifest write(YearMonth month) {
		String partition = AuditPartitions.nameOf(month);
		Path archive = this.storage.dir().resolve(partition + ".ndjson.gz");
		Iterable<String> lines = this.db.sql("select row_to_json(t)::text from " + partition + " t order by seq")
			.map((row) -> row.get(0, String.class))
			.all()
			.toIterable(500);
		ArchiveFiles.Written written = ArchiveFiles.write(archive, lines);
		ChainSpan span = span(archive);
		String previousAnchor = this.db
			.sql("select coalesce((select row_to_json(a)::text from audit_anchor a order by seq desc limit 1), '{}')")
			.map((row) -> row.get(0, String.class))
			.one()
			.block(TIMEOUT);
		AuditArchiveManifest manifest = new AuditArchiveManifest(partition, month.toString(), written.rowCount(),
				written.sha256(), span.firstPrevHash(), span.lastSeq(), span.lastHash(),
				this.json.readTree(previousAnchor), archive.getFileName().toString(), AuditArchiveManifest.FORMAT,
				this.clock.instant());
		Path manifestFile = writeManifest(manifest);
		String location = this.uploader.upload(archive, manifestFile, manifest.sha256());
		logger.info("Audit log: {} rows of {} archived to {} (sha256 {})", manifest.rowCount(), partition, location,
				manifest.sha256());
		if (this.uploader.staging()) {
			deleteQuietly(archive);
			deleteQuietly(manifestFile);
		}
		return manifest;
	}

	/** The chain's ends as the archive holds them, read back from the file. */
	private ChainSpan span(Path archive) {
		ChainSpan[] span = { new ChainSpan(null, null, null) };
		ArchiveFiles.read(archive, (line) -> {
			JsonNode row = this.json.readTree(line);
			String first = (span[0].firstPrevHash() != null) ? span[0].firstPrevHash()
					: row.get("prev_hash").asString();
			span[0] = new ChainSpan(first, row.get("seq").asLong(), row.get("hash").asString());
		});
		return span[0];
	}

	private Path writeManifest(AuditArchiveManifest manifest) {
		Path file = this.storage.dir().resolve(manifest.partition() + ".manifest.json");
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		try {
			Files.writeString(partial, this.json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
			return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write " + file, ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Could not delete the staged {}: {}", file, ex.toString());
		}
	}

	private record ChainSpan(@Nullable String firstPrevHash, @Nullable Long lastSeq, @Nullable String lastHash) {
	}

}
