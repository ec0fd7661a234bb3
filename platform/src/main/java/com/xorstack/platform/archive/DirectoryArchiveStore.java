package com.xorstack.platform.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The archive directory as the store: archives are written there and stay there. The
 * default of {@code ./xorstack up}; in production only on a durable volume.
 */
final class DirectoryArchiveStore implements ArchiveStore {

	private final Path dir;

	DirectoryArchiveStore(Path dir) {
		this.dir = dir;
	}

	@Override
	public void put(String name, Path file) {
		Path target = this.dir.resolve(name);
		if (file.toAbsolutePath().equals(target.toAbsolutePath())) {
			return;
		}
		try {
			Files.createDirectories(this.dir);
			Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy " + file + " to " + target, ex);
		}
	}

	@Override
	public StoredObject readBack(String name) {
		return StoredObject.digest(this.dir.resolve(name));
	}

	@Override
	public void fetch(String name, Path target) {
		Path source = this.dir.resolve(name);
		if (source.toAbsolutePath().equals(target.toAbsolutePath())) {
			return;
		}
		try {
			Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy " + name + " to " + target, ex);
		}
	}

	@Override
	public String location(String name) {
		return this.dir.resolve(name).toString();
	}

	@Override
	public boolean local() {
		return true;
	}

}
