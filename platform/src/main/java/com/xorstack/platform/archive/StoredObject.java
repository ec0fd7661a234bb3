package com.xorstack.platform.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An archive file or stored object as read back: how many bytes and their SHA-256.
 *
 * @param size the bytes read
 * @param sha256 their SHA-256, lower-case hex
 */
public record StoredObject(long size, String sha256) {

	/** Reads a stream to its end. */
	public static StoredObject digest(InputStream in) throws IOException {
		MessageDigest sha = newSha256();
		long size = 0;
		byte[] buffer = new byte[64 * 1024];
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
			sha.update(buffer, 0, read);
			size += read;
		}
		return new StoredObject(size, HexFormat.of().formatHex(sha.digest()));
	}

	public static StoredObject digest(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return digest(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
	}

	public static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
