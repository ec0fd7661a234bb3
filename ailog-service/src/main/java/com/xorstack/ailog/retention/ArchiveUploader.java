package com.xorstack.ailog.retention;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Copies an archive and its manifest into the store and reads both back: the archive's
 * size and SHA-256 must be the file's and the manifest's, the manifest's bytes the local
 * ones. Tried again with exponential backoff and jitter; when every try fails, the
 * {@link ArchiveException} leaves the partition to the next run. Blocking: the retention
 * job's thread.
 */
@Component
class ArchiveUploader {

	private static final Logger log = LoggerFactory.getLogger(ArchiveUploader.class);

	private final ArchiveStore store;

	private final ArchiveStorageProperties properties;

	ArchiveUploader(ArchiveStore store, ArchiveStorageProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/** Uploads and verifies; answers where the archive is kept. */
	String upload(Path archive, Path manifestFile, ArchiveManifest manifest) {
		Duration wait = this.properties.backoff();
		for (int attempt = 1;; attempt++) {
			try {
				uploadOnce(archive, manifestFile, manifest);
				return this.store.location(archive.getFileName().toString());
			}
			catch (RuntimeException ex) {
				if (attempt >= this.properties.attempts()) {
					throw new ArchiveException(
							"Could not store " + archive.getFileName() + " in " + this.store.location("") + " in "
									+ attempt + " tries; the partition stays: " + ex.getMessage(),
							ex);
				}
				log.warn("Storing {} failed (try {} of {}), again in {}: {}", archive.getFileName(), attempt,
						this.properties.attempts(), wait, ex.toString());
				sleep(wait);
				wait = wait.multipliedBy(2);
			}
		}
	}

	/** Whether the archive directory only stages files for a store elsewhere. */
	boolean staging() {
		return !this.store.local();
	}

	private void uploadOnce(Path archive, Path manifestFile, ArchiveManifest manifest) {
		if (this.store.local()) {
			verify(archive.getFileName().toString(), ArchiveFiles.digest(archive).size(), manifest.sha256());
			return;
		}
		// the archive first: a manifest in the store always has its archive there
		String archiveName = archive.getFileName().toString();
		this.store.put(archiveName, archive);
		verify(archiveName, ArchiveFiles.digest(archive).size(), manifest.sha256());
		ArchiveFiles.Stored local = ArchiveFiles.digest(manifestFile);
		this.store.put(manifestFile.getFileName().toString(), manifestFile);
		verify(manifestFile.getFileName().toString(), local.size(), local.sha256());
	}

	private void verify(String name, long size, String sha256) {
		ArchiveFiles.Stored stored = this.store.readBack(name);
		if (stored.size() != size || !stored.sha256().equals(sha256)) {
			throw new ArchiveException(this.store.location(name) + " reads back as " + stored.size()
					+ " bytes with sha256 " + stored.sha256() + ", expected " + size + " bytes with " + sha256);
		}
	}

	private static void sleep(Duration wait) {
		long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 4 + 1);
		try {
			Thread.sleep(wait.toMillis() + jitter);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ArchiveException("Interrupted while waiting to store an archive again", ex);
		}
	}

}
