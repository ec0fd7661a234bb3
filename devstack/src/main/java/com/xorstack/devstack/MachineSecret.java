package com.xorstack.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret of this machine's local runs: made once, at random, and kept in the cache
 * directory readable by its owner alone. For what must outlive a run, such as the audit
 * chain's key of a database kept between runs, or Kafka's administrator, whose credential
 * is part of the formatted storage that every run copies.
 */
final class MachineSecret {

	private static final SecureRandom RANDOM = new SecureRandom();

	private MachineSecret() {
	}

	/**
	 * @param file the name of the file in the cache directory
	 * @param bytes how many random bytes the secret has (base64 in the file)
	 */
	static synchronized String get(String file, int bytes) {
		Path path = Cache.root().resolve(file);
		try {
			if (!Files.exists(path)) {
				Files.createDirectories(path.getParent());
				Path made = Files.createTempFile(path.getParent(), file, ".tmp",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(made, random(bytes));
				try {
					Files.move(made, path);
				}
				catch (FileAlreadyExistsException ex) {
					// another JVM made it first: use theirs
					Files.delete(made);
				}
			}
			String secret = Files.readString(path, StandardCharsets.UTF_8).strip();
			if (secret.length() < 32) {
				throw new DevStackException(path + " holds no secret; delete it to make a new one", null);
			}
			return secret;
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot read or make " + path + ": " + ex.getMessage(), ex);
		}
	}

	/** A password of this run alone: {@code bytes} random bytes, URL-safe base64. */
	static String random(int bytes) {
		byte[] secret = new byte[bytes];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

}
