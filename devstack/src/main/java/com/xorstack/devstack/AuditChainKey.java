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
 * The audit chain's HMAC key of this machine's local runs ({@code AUDIT_CHAIN_KEY} of
 * auth-service): made once, at random, and kept in the cache directory readable by its
 * owner alone, so that the chain of a database kept between runs of {@code ./xorstack up}
 * still verifies, and no run uses the public development key.
 */
final class AuditChainKey {

	private static final String FILE = "audit-chain.key";

	private AuditChainKey() {
	}

	static synchronized String get() {
		Path file = Cache.root().resolve(FILE);
		try {
			if (!Files.exists(file)) {
				byte[] key = new byte[48];
				new SecureRandom().nextBytes(key);
				Files.createDirectories(file.getParent());
				Path made = Files.createTempFile(file.getParent(), FILE, ".tmp",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(made, Base64.getEncoder().encodeToString(key));
				try {
					Files.move(made, file);
				}
				catch (FileAlreadyExistsException ex) {
					// another JVM made it first: use theirs
					Files.delete(made);
				}
			}
			String key = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (key.length() < 32) {
				throw new DevStackException(file + " holds no audit chain key; delete it to make a new one", null);
			}
			return key;
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot read or make " + file + ": " + ex.getMessage(), ex);
		}
	}

}
