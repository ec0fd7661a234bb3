package com.xorstack.platform.archive;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The archive store of a service that has the AWS SDK's S3 client: the S3-compatible
 * bucket when one is configured, else the archive directory; and its uploader.
 * {@link ExecutionInterceptor} beans are added to the client (tests use one to cut an
 * upload off).
 */
@AutoConfiguration
@ConditionalOnClass({ S3Client.class, UrlConnectionHttpClient.class })
@EnableConfigurationProperties(ArchiveStorageProperties.class)
public class ArchiveAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ArchiveStore archiveStore(ArchiveStorageProperties storage, ObjectProvider<ExecutionInterceptor> interceptors) {
		ArchiveStorageProperties.S3 s3 = storage.s3();
		if (!s3.configured()) {
			return new DirectoryArchiveStore(storage.dir());
		}
		return new S3ArchiveStore(client(s3, interceptors), s3.bucket(), s3.prefix());
	}

	@Bean
	@ConditionalOnMissingBean
	ArchiveUploader archiveUploader(ArchiveStore store, ArchiveStorageProperties storage) {
		return new ArchiveUploader(store, storage);
	}

	private static S3Client client(ArchiveStorageProperties.S3 s3, ObjectProvider<ExecutionInterceptor> interceptors) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder()
				.connectionTimeout(Duration.ofSeconds(5))
				.socketTimeout(Duration.ofMinutes(1)))
			.region(Region.of(s3.region()))
			.credentialsProvider(credentials(s3))
			.forcePathStyle(s3.pathStyle())
			// The archiver checks every object's SHA-256 itself; the SDK's default CRC
			// checksums are refused by some S3-compatible stores
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.overrideConfiguration((config) -> interceptors.orderedStream().forEach(config::addExecutionInterceptor));
		if (!s3.endpoint().isBlank()) {
			builder.endpointOverride(URI.create(s3.endpoint()));
		}
		return builder.build();
	}

	private static AwsCredentialsProvider credentials(ArchiveStorageProperties.S3 s3) {
		if (s3.accessKey().isBlank()) {
			return DefaultCredentialsProvider.builder().build();
		}
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
	}

}
