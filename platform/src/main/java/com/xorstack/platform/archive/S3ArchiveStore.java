package com.xorstack.platform.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A bucket of any S3-compatible store. Objects are named {@code <prefix><name>}; a PUT
 * replaces an object whole, so an upload cut short leaves either the old object or none,
 * and the next run simply uploads again.
 */
final class S3ArchiveStore implements ArchiveStore {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	S3ArchiveStore(S3Client s3, String bucket, String prefix) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix;
	}

	@Override
	public void put(String name, Path file) {
		PutObjectRequest request = PutObjectRequest.builder()
			.bucket(this.bucket)
			.key(key(name))
			.contentType(name.endsWith(".json") ? "application/json" : "application/gzip")
			.build();
		this.s3.putObject(request, RequestBody.fromFile(file));
	}

	@Override
	public StoredObject readBack(String name) {
		try (InputStream in = this.s3.getObject(get(name))) {
			return StoredObject.digest(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read back " + location(name), ex);
		}
	}

	@Override
	public void fetch(String name, Path target) {
		try (InputStream in = this.s3.getObject(get(name))) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not fetch " + location(name), ex);
		}
	}

	private GetObjectRequest get(String name) {
		return GetObjectRequest.builder().bucket(this.bucket).key(key(name)).build();
	}

	private String key(String name) {
		return this.prefix + name;
	}

	@Override
	public String location(String name) {
		return "s3://" + this.bucket + "/" + key(name);
	}

	@Override
	public boolean local() {
		return false;
	}

}
