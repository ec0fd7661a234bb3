package com.xorstack.platform.archive;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where archives are kept for good and how hard an upload is tried.
 *
 * @param dir where archives are written first; the store itself when no bucket is set
 * @param s3 the S3-compatible bucket; without a bucket, the archive directory is the
 * store
 * @param attempts tries of one upload and its read-back before the run gives up on the
 * partition, which then stays for the next run
 * @param backoff the wait after the first failed try, doubled after each next one
 */
@ConfigurationProperties("xorstack.archive")
public record ArchiveStorageProperties(@DefaultValue("xorstack-archive") Path dir, @DefaultValue S3 s3,
		@DefaultValue("5") int attempts, @DefaultValue("2s") Duration backoff) {

	/**
	 * @param endpoint the store's URL, for anything but AWS itself (MinIO, Ceph, R2,
	 * S3Mock); empty for AWS
	 * @param bucket the bucket, which must exist; empty for the local archive directory
	 * @param region the signing region
	 * @param accessKey with {@code secretKey}: static credentials; empty for the AWS
	 * default chain (environment, web identity in Kubernetes, instance profile)
	 * @param secretKey see {@code accessKey}
	 * @param prefix put before every object name, so that services can share a bucket
	 * @param pathStyle {@code bucket} in the path rather than in the host name, as most
	 * S3-compatible stores want
	 */
	public record S3(@DefaultValue("") String endpoint, @DefaultValue("") String bucket,
			@DefaultValue("us-east-1") String region, @DefaultValue("") String accessKey,
			@DefaultValue("") String secretKey, @DefaultValue("") String prefix,
			@DefaultValue("true") boolean pathStyle) {

		public boolean configured() {
			return !this.bucket.isBlank();
		}

	}

}
