package com.xorstack.ailog.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.platform.archive.ArchiveFiles;
import com.xorstack.platform.archive.ArchiveMetrics;
import com.xorstack.platform.archive.ArchiveUploader;

/**
 * Archives expired partitions: all rows of the day to gzip NDJSON, a manifest beside it,
 * the archive read back and checked against the manifest and the table, both copied to
 * the archive store and read back from there, and only then, with the partition locked
 * and counted once more, the partition dropped. Blocking: it runs on the scheduler's
 * thread, never on an event loop.
 */
@Component
public class PartitionArchiver {

	private static final Logger log = LoggerFactory.getLogger(PartitionArchiver.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final Partitions partitions;

	private final RetentionProperties properties;

	private final JsonMapper json;

	private final ArchiveUploader uploader;

	private final ArchiveMetrics metrics;

	static final String DATA = "ai_logs";

	private final Clock clock = Clock.systemUTC();

	PartitionArchiver(DatabaseClient db, TransactionalOperator transactions, Partitions partitions,
			RetentionProperties properties, JsonMapper json, ArchiveUploader uploader, MeterRegistry meters) {
		this.db = db;
		this.transactions = transactions;
		this.partitions = partitions;
		this.properties = properties;
		this.json = json;
		this.uploader = uploader;
		this.metrics = new ArchiveMetrics(meters, DATA);
	}

	/** The first day that retention keeps. */
	public LocalDate firstKeptDay() {
		return this.clock.instant().minus(this.properties.days()).atOffset(ZoneOffset.UTC).toLocalDate();
	}

	/**
	 * Archives and drops every partition of a day before {@code firstKept}, oldest first;
	 * the first that fails stops the run and stays, with the ones after it, for the next.
	 */
	public List<ArchiveManifest> archiveBefore(LocalDate firstKept) {
		List<LocalDate> expired = this.partitions.days()
			.filter((day) -> day.isBefore(firstKept))
			.collectList()
			.block(TIMEOUT);
		this.metrics.overdue(expired.size());
		return expired.stream().map(this::archive).toList();
	}

	/**
	 * Reads what the archive gauges show from the database: the newest archive and the
	 * expired partitions, so that they are right after a restart too.
	 */
	public void refreshMetrics() {
		this.db.sql("select max(archived_at) from archive_manifests")
			.map((row) -> Optional.ofNullable(row.get(0, Instant.class)))
			.one()
			.block(TIMEOUT)
			.ifPresent(this.metrics::newest);
		LocalDate firstKept = firstKeptDay();
		this.metrics.overdue(this.partitions.days().filter((day) -> day.isBefore(firstKept)).count().block(TIMEOUT));
	}

	/** Archives one day's partition, verifies the archive, then drops the partition. */
	public ArchiveManifest archive(LocalDate day) {
		try {
			ArchiveManifest manifest = archiveAndDrop(day);
			this.metrics.archived(manifest.createdAt());
			return manifest;
		}
		catch (RuntimeException ex) {
			this.metrics.failed();
			throw ex;
		}
	}

	private ArchiveManifest archiveAndDrop(LocalDate day) {
		String partition = Partitions.name(day);
		Path archive = this.properties.archiveDir().resolve(partition + ".ndjson.gz");
		long rows = count(partition).block(TIMEOUT);
		Iterable<String> lines = this.db
			.sql("select row_to_json(t)::text from " + partition + " t order by occurred_at, id")
			.map((row) -> row.get(0, String.class))
			.all()
			.toIterable(500);
		ArchiveFiles.Written written = ArchiveFiles.write(archive, lines);
		ArchiveManifest manifest = new ArchiveManifest(partition, start(day), start(day.plusDays(1)),
				written.rowCount(), written.sha256(), archive.getFileName().toString(), ArchiveManifest.FORMAT,
				this.clock.instant());
		verify(archive, manifest, rows);
		Path manifestFile = writeManifest(manifest);
		String location = this.uploader.upload(archive, manifestFile, manifest.sha256());
		drop(day, manifest, location).block(TIMEOUT);
		this.partitions.forget(day);
		log.info("Archived {} rows of {} to {} (sha256 {}) and dropped the partition", manifest.rowCount(), partition,
				location, manifest.sha256());
		if (this.uploader.staging()) {
			// the store has them, verified: the local files were only staging
			deleteQuietly(archive);
			deleteQuietly(manifestFile);
		}
		return manifest;
	}

	private void verify(Path archive, ArchiveManifest manifest, long rowsInTable) {
		ArchiveFiles.Written reread = ArchiveFiles.read(archive, (line) -> {
		});
		if (reread.rowCount() != manifest.rowCount() || !reread.sha256().equals(manifest.sha256())
				|| manifest.rowCount() != rowsInTable) {
			throw new ArchiveException("Archive " + archive + " does not verify: " + reread.rowCount() + " rows read, "
					+ manifest.rowCount() + " written, " + rowsInTable + " in the table; sha256 " + reread.sha256()
					+ " read, " + manifest.sha256() + " written. The partition stays.");
		}
	}

	private Path writeManifest(ArchiveManifest manifest) {
		Path file = this.properties.archiveDir().resolve(manifest.partition() + ".manifest.json");
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		try {
			Files.writeString(partial, this.json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not write " + file, ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the staged {}: {}", file, ex.toString());
		}
	}

	/**
	 * Locks the partition, counts it once more (nothing may have arrived since the
	 * archive was written), forgets its ids, records the manifest and drops it, all in
	 * one transaction. The drop runs as the table's owner and checks the manifest
	 * (migration V3).
	 */
	private Mono<Void> drop(LocalDate day, ArchiveManifest manifest, String location) {
		String partition = manifest.partition();
		Mono<Void> work = this.db.sql("lock table " + partition + " in access exclusive mode")
			.then()
			.then(count(partition))
			.flatMap((rows) -> (rows == manifest.rowCount()) ? Mono.empty()
					: Mono.error(new ArchiveException(partition + " has " + rows + " rows now, the archive "
							+ manifest.rowCount() + ". The partition stays.")))
			.then(this.db.sql("delete from ai_log_ids where occurred_at >= :from and occurred_at < :to")
				.bind("from", manifest.rangeFrom())
				.bind("to", manifest.rangeTo())
				.then())
			.then(recordManifest(manifest, location))
			.then(this.db.sql("select ai_logs_drop_partition(:day)").bind("day", day).then());
		return this.transactions.transactional(work);
	}

	private Mono<Void> recordManifest(ArchiveManifest manifest, String location) {
		return this.db
			.sql("insert into archive_manifests (partition_name, range_from, range_to, row_count, sha256, archive_path)"
					+ " values (:partition, :from, :to, :rows, :sha, :path) on conflict (partition_name) do update"
					+ " set row_count = excluded.row_count, sha256 = excluded.sha256, archive_path = excluded.archive_path,"
					+ " archived_at = now(), restored_at = null")
			.bind("partition", manifest.partition())
			.bind("from", manifest.rangeFrom())
			.bind("to", manifest.rangeTo())
			.bind("rows", manifest.rowCount())
			.bind("sha", manifest.sha256())
			.bind("path", location)
			.then();
	}

	private Mono<Long> count(String partition) {
		return this.db.sql("select count(*) from " + partition).map((row) -> row.get(0, Long.class)).one();
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
