package com.xorstack.platform.archive;

import java.nio.file.Path;

/**
 * Where archives and their manifests are kept for good: the local archive directory (the
 * devstack's default) or an S3-compatible bucket. Implementations block; they run on the
 * retention job's thread or in the restore command, never on an event loop.
 */
public interface ArchiveStore {

	/** Copies a local file into the store under {@code name}. */
	void put(String name, Path file);

	/** Reads the stored object back: its size and SHA-256, as stored. */
	StoredObject readBack(String name);

	/** Copies the stored object to a local file. */
	void fetch(String name, Path target);

	/** Where {@code name} is kept, as recorded in {@code archive_manifests}. */
	String location(String name);

	/**
	 * Whether the store is the archive directory itself: then nothing is copied, and the
	 * files there are the only copy.
	 */
	boolean local();

}
