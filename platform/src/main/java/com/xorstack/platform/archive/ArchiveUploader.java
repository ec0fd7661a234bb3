package com.xorstack.platform.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an archive and its manifest into the store and reads both back: the archive's
 * size and SHA-256 must be the file's and the manifest's, the manifest's bytes the local
 * ones. Tried again with exponential backoff and jitter; when every try fails, the
 * {@link ArchiveStoreException} tells the caller to keep the data for its next run.
 * Blocking: a retention job's thread.
 */
public class ArchiveUploader {

	private static final Logger log = LoggerFactory.getLogger(ArchiveUploader.class);

	private final ArchiveStore store;

	private final ArchiveStorageProperties properties;

	public ArchiveUploader(ArchiveStore store, ArchiveStorageProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/**
	 * Uploads and verifies an archive and its manifest; answers where the archive is
	 * kept.
	 * @param sha256 the archive's SHA-256 as the manifest records it
	 */
	public String upload(Path archive, Path manifestFile, String sha256) {
		Duration wait = this.properties.backoff();
		for (int attempt = 1;; attempt++) {
			try {
				uploadOnce(archive, manifestFile, sha256);
				return this.store.location(archive.getFileName().toString());
			}
			catch (RuntimeException ex) {
				if (attempt >= this.properties.attempts()) {
					throw new ArchiveStoreException("Could not store " + archive.getFileName() + " in "
							+ this.store.location("") + " in " + attempt + " tries; the data stays: " + ex.getMessage(),
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
	public boolean staging() {
		return !this.store.local();
	}

	private void uploadOnce(Path archive, Path manifestFile, String sha256) {
		if (this.store.local()) {
			this.store.put(archive.getFileName().toString(), archive);
			verify(archive.getFileName().toString(), StoredObject.digest(archive).size(), sha256);
			this.store.put(manifestFile.getFileName().toString(), manifestFile);
			return;
		}
		// the archive first: a manifest in the store always has its archive there
		String archiveName = archive.getFileName().toString();
		this.store.put(archiveName, archive);
		verify(archiveName, StoredObject.digest(archive).size(), sha256);
		StoredObject local = StoredObject.digest(manifestFile);
		this.store.put(manifestFile.getFileName().toString(), manifestFile);
		verify(manifestFile.getFileName().toString(), local.size(), local.sha256());
	}

	private void verify(String name, long size, String sha256) {
		StoredObject stored = this.store.readBack(name);
		if (stored.size() != size || !stored.sha256().equals(sha256)) {
			throw new ArchiveStoreException(this.store.location(name) + " reads back as " + stored.size()
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
			throw new ArchiveStoreException("Interrupted while waiting to store an archive again", ex);
		}
	}

}
