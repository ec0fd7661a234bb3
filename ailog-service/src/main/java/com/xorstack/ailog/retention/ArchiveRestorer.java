package com.xorstack.ailog.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.platform.archive.ArchiveFiles;
import com.xorstack.platform.archive.ArchiveStore;

/**
 * Puts an archived partition back: checks the archive against its manifest, recreates the
 * day's partition and inserts every row (and its id) in one transaction. Rows already
 * there are left alone, so a restore can be repeated.
 */
@Component
public class ArchiveRestorer {

	private static final Logger log = LoggerFactory.getLogger(ArchiveRestorer.class);

	private static final int CHUNK = 1000;

	static final String MANIFEST = ".manifest.json";

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final Partitions partitions;

	private final JsonMapper json;

	private final ArchiveStore store;

	ArchiveRestorer(DatabaseClient db, TransactionalOperator transactions, Partitions partitions, JsonMapper json,
			ArchiveStore store) {
		this.db = db;
		this.transactions = transactions;
		this.partitions = partitions;
		this.json = json;
		this.store = store;
	}

	/**
	 * Restores from a manifest file, or else from the archive store: {@code source} is
	 * then a manifest's name or a partition's ({@code ai_logs_p20260101}), whose manifest
	 * and archive are fetched to a temporary directory first.
	 */
	public long restore(String source) {
		Path file = Path.of(source);
		if (Files.isRegularFile(file)) {
			return restore(file);
		}
		String manifestName = source.endsWith(MANIFEST) ? source : source + MANIFEST;
		Path dir = null;
		try {
			dir = Files.createTempDirectory("ailog-restore-");
			Path manifestFile = dir.resolve(manifestName);
			this.store.fetch(manifestName, manifestFile);
			String archive = readManifest(manifestFile).archive();
			this.store.fetch(archive, dir.resolve(archive));
			return restore(manifestFile);
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not fetch " + this.store.location(manifestName) + ": " + ex, ex);
		}
		finally {
			deleteAll(dir);
		}
	}

	/**
	 * Restores the archive a manifest describes and answers how many rows it inserted.
	 */
	public long restore(Path manifestFile) {
		ArchiveManifest manifest = readManifest(manifestFile);
		Path archive = manifestFile.toAbsolutePath().resolveSibling(manifest.archive());
		List<String> lines = new ArrayList<>();
		ArchiveFiles.Written read = ArchiveFiles.read(archive, lines::add);
		if (read.rowCount() != manifest.rowCount() || !read.sha256().equals(manifest.sha256())) {
			throw new ArchiveException("Archive " + archive + " does not match its manifest: " + read.rowCount()
					+ " rows and sha256 " + read.sha256() + ", the manifest says " + manifest.rowCount() + " and "
					+ manifest.sha256() + ". Nothing restored.");
		}
		this.partitions.create(manifest.rangeFrom().atOffset(ZoneOffset.UTC).toLocalDate()).block();
		Mono<Long> inserted = Flux.fromIterable(chunks(lines))
			.concatMap(this::insert)
			.reduce(0L, Long::sum)
			.flatMap((count) -> markRestored(manifest).thenReturn(count));
		Long count = this.transactions.transactional(inserted).block(Duration.ofMinutes(30));
		log.info("Restored {} of {} rows of {} from {}", count, manifest.rowCount(), manifest.partition(), archive);
		return count;
	}

	private ArchiveManifest readManifest(Path file) {
		try {
			return this.json.readValue(Files.readString(file), ArchiveManifest.class);
		}
		catch (IOException | RuntimeException ex) {
			throw new ArchiveException("Could not read the manifest " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static void deleteAll(@Nullable Path dir) {
		if (dir == null) {
			return;
		}
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(dir);
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", dir, ex.toString());
		}
	}

	private static List<String> chunks(List<String> lines) {
		List<String> chunks = new ArrayList<>();
		for (int start = 0; start < lines.size(); start += CHUNK) {
			chunks.add("[" + String.join(",", lines.subList(start, Math.min(start + CHUNK, lines.size()))) + "]");
		}
		return chunks;
	}

	private Mono<Long> insert(String rows) {
		return this.db.sql("""
				with incoming as (select * from jsonb_populate_recordset(null::ai_logs, cast(:rows as jsonb))),
				fresh as (
				    insert into ai_log_ids (id, occurred_at) select id, occurred_at from incoming
				    on conflict (id) do nothing returning id
				)
				insert into ai_logs select incoming.* from incoming join fresh using (id)
				""").bind("rows", rows).fetch().rowsUpdated();
	}

	private Mono<Void> markRestored(ArchiveManifest manifest) {
		return this.db.sql("update archive_manifests set restored_at = now() where partition_name = :partition")
			.bind("partition", manifest.partition())
			.then();
	}

}
