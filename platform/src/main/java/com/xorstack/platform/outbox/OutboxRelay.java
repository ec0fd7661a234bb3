package com.xorstack.platform.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.OutgoingEvent;

/**
 * Publishes committed outbox rows to Kafka in the order they were written. One relay
 * works at a time across instances (a transaction-scoped advisory lock); a batch is
 * marked published only after Kafka acknowledged every event in it, so a failure
 * publishes it again later and loses nothing. Consumers absorb the repeats by event id.
 */
final class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/**
	 * Any constant will do, as long as each service's database has only its own relay.
	 */
	private static final long RELAY_LOCK = 0x0b0c_5e1a_7L;

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final KafkaTemplate<String, byte[]> kafka;

	private final OutboxProperties properties;

	private volatile Disposable running = Flux.never().subscribe();

	private volatile boolean started;

	OutboxRelay(DatabaseClient db, TransactionalOperator transactions, KafkaTemplate<String, byte[]> kafka,
			OutboxProperties properties) {
		this.db = db;
		this.transactions = transactions;
		this.kafka = kafka;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.running = Mono.defer(this::relayBatch)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
				.maxBackoff(this.properties.maxBackoff())
				.jitter(0.5)
				.doBeforeRetry((signal) -> log.warn("Outbox relay failed, retrying: {}", signal.failure().toString())))
			.flatMap(this::pauseWhenIdle)
			.repeat()
			.subscribe();
		this.started = true;
	}

	@Override
	public void stop() {
		this.running.dispose();
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	/** Publishes one batch and answers how many events it published. */
	Mono<Integer> relayBatch() {
		Mono<Integer> batch = lock().flatMap((locked) -> locked ? publishPending() : Mono.just(0));
		return this.transactions.transactional(batch).defaultIfEmpty(0);
	}

	private Mono<Integer> pauseWhenIdle(int published) {
		if (published > 0) {
			return Mono.just(published);
		}
		return deleteOldPublished().then(Mono.delay(this.properties.pollInterval())).thenReturn(0);
	}

	private Mono<Boolean> lock() {
		return this.db.sql("select pg_try_advisory_xact_lock(:lock) as locked")
			.bind("lock", RELAY_LOCK)
			.map((row) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
			.one();
	}

	private Mono<Integer> publishPending() {
		return pending().concatMap(this::send)
			.collectList()
			.flatMap((sent) -> sent.isEmpty() ? Mono.just(0) : markPublished(sent));
	}

	private Flux<PendingRow> pending() {
		return this.db
			.sql("select seq, event_id, topic, event_key, event_type, occurred_at, payload from outbox"
					+ " where published_at is null order by seq limit :limit")
			.bind("limit", this.properties.batchSize())
			.map(PendingRow::of)
			.all();
	}

	private Mono<Long> send(PendingRow row) {
		OutgoingEvent event = new OutgoingEvent(row.eventId(), row.type(), this.properties.source(), row.occurredAt(),
				row.topic(), row.key(), row.payload());
		return Mono.fromFuture(() -> this.kafka.send(CloudEventRecords.toRecord(event)))
			.timeout(Duration.ofSeconds(30))
			.thenReturn(row.seq());
	}

	private Mono<Integer> markPublished(List<Long> sequences) {
		return this.db.sql("update outbox set published_at = now() where seq = any(:seqs)")
			.bind("seqs", sequences.toArray(Long[]::new))
			.fetch()
			.rowsUpdated()
			.map(Long::intValue);
	}

	private Mono<Void> deleteOldPublished() {
		return this.db.sql("delete from outbox where published_at < now() - make_interval(secs => :seconds)")
			.bind("seconds", (double) this.properties.keepPublished().toSeconds())
			.then();
	}

	record PendingRow(long seq, UUID eventId, String topic, String key, String type, OffsetDateTime occurredAt,
			byte[] payload) {

		static PendingRow of(Readable row) {
			return new PendingRow(row.get("seq", Long.class), row.get("event_id", UUID.class),
					row.get("topic", String.class), row.get("event_key", String.class),
					row.get("event_type", String.class), row.get("occurred_at", OffsetDateTime.class),
					row.get("payload", Json.class).asArray());
		}

	}

}
