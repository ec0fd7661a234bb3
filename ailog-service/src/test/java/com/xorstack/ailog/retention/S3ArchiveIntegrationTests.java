package com.xorstack.ailog.retention;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.devstack.S3Server;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.archive.ArchiveStore;
import com.xorstack.platform.archive.ArchiveStoreException;
import com.xorstack.platform.archive.StoredObject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Archives in a real S3-compatible store (S3Mock on loopback): an expired day is
 * uploaded, read back from the bucket and verified before the partition goes, and
 * restores by name with the restore command's call; an upload cut off by stopping the
 * server loses nothing, shows as a failure, and the next run completes. A context of its
 * own (the store differs); it archives only its own days, -70 to -72.
 */
// no Kafka ingest: the shared context consumes it, into the same database
@TestPropertySource(properties = { "xorstack.archive.attempts=2", "xorstack.archive.backoff=100ms",
		"xorstack.ailog.ingest.kafka-enabled=false" })
@Import(S3ArchiveIntegrationTests.Interruptions.class)
class S3ArchiveIntegrationTests extends AilogIntegrationTest {

	static final String PREFIX = "it-" + ProcessHandle.current().pid() + "/ai-logs/";

	@BeforeEach
	void readTheDatabase() {
		this.queries = new Queries(this.db);
	}

	@DynamicPropertySource
	static void objectStore(DynamicPropertyRegistry registry) {
		TestStack.get().s3Properties(PREFIX).forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	DatabaseClient db;

	private Queries queries;

	@Autowired
	PartitionArchiver archiver;

	@Autowired
	ArchiveRestorer restorer;

	@Autowired
	ArchiveStore store;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Interruptions interruptions;

	AiLogApi api;

	@Autowired
	void api(WebTestClient web) {
		this.api = new AiLogApi(web);
	}

	@AfterEach
	void serverRunsAgain() {
		TestStack.get().s3().restart();
	}

	@Test
	void anExpiredDayGoesToTheBucketVerifiedAndRestoresFromItByName() throws Exception {
		LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(70);
		List<Map<String, Object>> events = events("s3-archive", day, 40);

		ArchiveManifest manifest = this.archiver.archive(day);

		assertThat(manifest.rowCount()).isEqualTo(40);
		assertThat(this.queries.exists(manifest.partition())).as("dropped").isFalse();
		StoredObject stored = this.store.readBack(manifest.archive());
		assertThat(stored.sha256()).isEqualTo(manifest.sha256());
		assertThat(this.store.readBack(manifest.partition() + ArchiveRestorer.MANIFEST).size()).isPositive();
		assertThat(this.queries
			.text("select archive_path from archive_manifests where partition_name = '" + manifest.partition() + "'"))
			.isEqualTo("s3://" + S3Server.BUCKET + "/" + PREFIX + manifest.archive());
		assertThat(Files.exists(ARCHIVE_DIR.resolve(manifest.archive()))).as("staging cleared").isFalse();
		assertThat(this.meters.get("xorstack.archive.newest").gauge().value())
			.isGreaterThanOrEqualTo(manifest.createdAt().getEpochSecond());

		assertThat(this.restorer.restore(manifest.partition())).isEqualTo(40);
		assertThat(this.queries.count("select count(*) from " + manifest.partition())).isEqualTo(40);
		assertThat(this.api.getJson("/api/admin/ai-logs/{id}", events.get(7).get("id"))).containsEntry("id",
				events.get(7).get("id"));
	}

	@Test
	void anUploadCutOffByStoppingTheServerLosesNothingAndTheNextRunCompletes() {
		LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(71);
		// enough rows that the gzip body is still being sent when the server goes
		events("s3-interrupted", day, 600);
		String partition = Partitions.name(day);
		double failuresBefore = this.meters.get("xorstack.archive.failures").counter().count();
		this.interruptions.stopServerDuring(partition + ".ndjson.gz");

		assertThatExceptionOfType(ArchiveStoreException.class).isThrownBy(() -> this.archiver.archive(day))
			.withMessageContaining("the data stays");

		assertThat(this.interruptions.cutAfterBytes()).as("the upload had begun").isPositive();
		assertThat(TestStack.get().s3().isRunning()).isFalse();
		assertThat(this.queries.count("select count(*) from " + partition)).as("every row still there").isEqualTo(600);
		assertThat(
				this.queries.count("select count(*) from archive_manifests where partition_name = '" + partition + "'"))
			.isZero();
		assertThat(this.meters.get("xorstack.archive.failures").counter().count()).isEqualTo(failuresBefore + 1);

		TestStack.get().s3().restart();
		assertThatExceptionOfType(NoSuchKeyException.class).as("no manifest of a partial upload")
			.isThrownBy(() -> this.store.readBack(partition + ArchiveRestorer.MANIFEST));
		ArchiveManifest manifest = this.archiver.archive(day);

		assertThat(manifest.rowCount()).isEqualTo(600);
		assertThat(this.store.readBack(manifest.archive()).sha256()).isEqualTo(manifest.sha256());
		assertThat(this.queries.exists(partition)).isFalse();
		assertThat(this.restorer.restore(partition)).as("every row comes back").isEqualTo(600);
	}

	private List<Map<String, Object>> events(String function, LocalDate day, int count) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> event = AiLogApi.event(function + "-" + UUID.randomUUID(),
					day.atTime(4, 0).plusSeconds(i).toInstant(ZoneOffset.UTC));
			events.add(event);
		}
		for (int from = 0; from < count; from += 500) {
			this.api.batch(events.subList(from, Math.min(count, from + 500)));
		}
		assertThat(this.queries.count("select count(*) from " + Partitions.name(day))).isEqualTo(count);
		return events;
	}

	/**
	 * Stops the S3 server while the body of one upload is being sent: a real outage in
	 * the middle of a PUT, not a simulated error.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Interruptions implements ExecutionInterceptor {

		private final AtomicReference<String> armed = new AtomicReference<>();

		private volatile long cutAfter;

		@Bean
		Interruptions interruptions() {
			return this;
		}

		void stopServerDuring(String objectName) {
			this.cutAfter = 0;
			this.armed.set(objectName);
		}

		long cutAfterBytes() {
			return this.cutAfter;
		}

		@Override
		public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
				ExecutionAttributes attributes) {
			String name = this.armed.get();
			if (!(context.request() instanceof PutObjectRequest put) || name == null || !put.key().endsWith(name)
					|| !this.armed.compareAndSet(name, null) || context.requestBody().isEmpty()) {
				return context.requestBody();
			}
			RequestBody body = context.requestBody().get();
			return Optional.of(RequestBody.fromContentProvider(() -> cutting(body.contentStreamProvider().newStream()),
					body.optionalContentLength().orElseThrow(), body.contentType()));
		}

		private InputStream cutting(InputStream in) {
			return new FilterInputStream(in) {

				private long sent;

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					if (this.sent > 0 && Interruptions.this.cutAfter == 0) {
						Interruptions.this.cutAfter = this.sent;
						TestStack.get().s3().stop();
					}
					int read = super.read(buffer, offset, Math.min(length, 1024));
					this.sent += Math.max(read, 0);
					return read;
				}

			};
		}

	}

}
