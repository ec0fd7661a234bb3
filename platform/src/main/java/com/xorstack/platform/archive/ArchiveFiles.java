package com.xorstack.platform.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and writing archive files: gzip NDJSON whose SHA-256 is taken over the bytes on
 * disk, so that the manifest checks the file exactly as it will be copied away.
 */
public final class ArchiveFiles {

	private ArchiveFiles() {
	}

	/** Writes lines to a gzip file and answers its line count and SHA-256. */
	public static Written write(Path file, Iterable<String> lines) {
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		MessageDigest sha = StoredObject.newSha256();
		long count = 0;
		try {
			Files.createDirectories(file.getParent());
			try (OutputStream out = Files.newOutputStream(partial);
					Writer writer = new BufferedWriter(
							new OutputStreamWriter(new GZIPOutputStream(new DigestOutputStream(out, sha), 64 * 1024),
									StandardCharsets.UTF_8))) {
				for (String line : lines) {
					writer.write(line);
					writer.write('\n');
					count++;
				}
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
		return new Written(count, HexFormat.of().formatHex(sha.digest()));
	}

	/**
	 * Reads an archive back, handing each line to {@code each}, and answers its line
	 * count and SHA-256. Every line must be a JSON object.
	 */
	public static Written read(Path file, Consumer<String> each) {
		MessageDigest sha = StoredObject.newSha256();
		long count = 0;
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(new GZIPInputStream(in, 64 * 1024), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!JsonMapper.shared().readTree(line).isObject()) {
					throw new IllegalStateException("Line " + (count + 1) + " of " + file + " is not a JSON object");
				}
				each.accept(line);
				count++;
			}
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
		return new Written(count, HexFormat.of().formatHex(sha.digest()));
	}

	public record Written(long rowCount, String sha256) {
	}

}
