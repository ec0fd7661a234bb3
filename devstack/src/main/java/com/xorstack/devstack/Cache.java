package com.xorstack.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * What is built once and reused by every run, outside the repository in
 * {@code ${XDG_CACHE_HOME:-~/.cache}/xorstack}. An entry is built by one run at a time
 * (other threads and processes wait) under a temporary name and renamed into place, so no
 * run ever sees half of one.
 */
final class Cache {

	private static final Map<String, ReentrantLock> threadLocks = new ConcurrentHashMap<>();

	private Cache() {
	}

	static Path root() {
		String xdg = System.getenv("XDG_CACHE_HOME");
		Path base = (xdg != null && !xdg.isBlank()) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
		return base.resolve("xorstack");
	}

	/**
	 * The entry {@code name}, which {@code build} fills, starting from an empty
	 * directory, if missing.
	 */
	static Path directory(String name, Builder build) {
		Path entry = root().resolve(name);
		if (Files.isDirectory(entry)) {
			return entry;
		}
		try (Held held = lock(name)) {
			if (Files.isDirectory(entry)) {
				return entry;
			}
			Path building = Files.createTempDirectory(root(), name + ".tmp-");
			try {
				build.fill(building);
				Files.move(building, entry, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				delete(building);
			}
			return entry;
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot prepare " + entry + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Exclusive use of {@code name} among the threads of this JVM (a file lock is held
	 * per JVM) and among processes (which the file lock is for).
	 */
	static Held lock(String name) throws IOException {
		ReentrantLock threadLock = threadLocks.computeIfAbsent(name, (key) -> new ReentrantLock());
		threadLock.lock();
		try {
			Files.createDirectories(root());
			FileChannel channel = FileChannel.open(root().resolve(name + ".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			return new Held(threadLock, channel, channel.lock());
		}
		catch (IOException | RuntimeException ex) {
			threadLock.unlock();
			throw ex;
		}
	}

	static void copy(Path from, Path to) {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : paths.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot copy " + from + " to " + to + ": " + ex.getMessage(), ex);
		}
	}

	static void delete(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			paths.sorted(Comparator.reverseOrder()).forEach((each) -> each.toFile().delete());
		}
		catch (IOException ex) {
			// best effort: what is left is in a temporary directory
		}
	}

	@FunctionalInterface
	interface Builder {

		void fill(Path directory) throws IOException;

	}

	record Held(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			try {
				this.channel.close();
			}
			finally {
				this.threadLock.unlock();
			}
		}

	}

}
