package com.xorstack.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.opentelemetry.context.Scope;
import io.r2dbc.spi.Readable;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.tracing.TraceContexts;

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

	/**
	 * Publishes one batch and answers how many events it published. A send that fails
	 * ends the batch; what Kafka acknowledged before it is still marked, and the failure
	 * surfaces only after that commit, so the retry sends the rest and nothing twice.
	 */
	Mono<Integer> relayBatch() {
		Mono<BatchResult> batch = lock().flatMap((locked) -> locked ? publishPending() : Mono.just(BatchResult.NONE));
		return this.transactions.transactional(batch)
			.defaultIfEmpty(BatchResult.NONE)
			.flatMap(BatchResult::publishedOrFailure);
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

	private Mono<BatchResult> publishPending() {
		return pending().collectList().flatMap(this::publishInOrder);
	}

	/**
	 * One at a time, in order: a later event must never overtake an earlier one that
	 * failed.
	 */
	private Mono<BatchResult> publishInOrder(List<PendingRow> rows) {
		List<Long> sent = new ArrayList<>();
		return Flux.fromIterable(rows)
			.concatMap(this::send)
			.doOnNext(sent::add)
			.then(Mono.<Optional<Throwable>>just(Optional.empty()))
			.onErrorResume((failure) -> Mono.just(Optional.of(failure)))
			.flatMap((failure) -> markPublished(sent).map((count) -> new BatchResult(count, failure.orElse(null))));
	}

	private Flux<PendingRow> pending() {
		return this.db
			.sql("select seq, event_id, topic, event_key, event_type, occurred_at, payload::text as payload,"
					+ " traceparent from outbox where published_at is null order by seq limit :limit")
			.bind("limit", this.properties.batchSize())
			.map(PendingRow::of)
			.all();
	}

	private Mono<Long> send(PendingRow row) {
		OutgoingEvent event = new OutgoingEvent(row.eventId(), row.type(), this.properties.source(), row.occurredAt(),
				row.topic(), row.key(), row.payload());
		// send() itself blocks while the broker's metadata is unknown: keep it off the
		// event loop.
		return Mono.fromFuture(() -> sendInTrace(event, row.traceparent()))
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(Duration.ofSeconds(30))
			.thenReturn(row.seq());
	}

	/**
	 * Sends with the trace of the request that appended the row made current, so that the
	 * agent's producer span joins that trace; the {@code traceparent} header carries it
	 * to consumers also without the agent (the agent replaces it with its own span's).
	 */
	private CompletableFuture<SendResult<String, byte[]>> sendInTrace(OutgoingEvent event,
			@Nullable String traceparent) {
		ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(event);
		if (traceparent != null) {
			record.headers()
				.remove(TraceContexts.TRACEPARENT)
				.add(TraceContexts.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
		}
		try (Scope scope = TraceContexts.fromTraceparent(traceparent).makeCurrent()) {
			return this.kafka.send(record);
		}
	}

	private Mono<Integer> markPublished(List<Long> sequences) {
		if (sequences.isEmpty()) {
			return Mono.just(0);
		}
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

	record BatchResult(int published, @Nullable Throwable failure) {

		static final BatchResult NONE = new BatchResult(0, null);

		Mono<Integer> publishedOrFailure() {
			return (this.failure != null) ? Mono.error(this.failure) : Mono.just(this.published);
		}

	}

	record PendingRow(long seq, UUID eventId, String topic, String key, String type, OffsetDateTime occurredAt,
			byte[] payload, @Nullable String traceparent) {

		static PendingRow of(Readable row) {
			return new PendingRow(row.get("seq", Long.class), row.get("event_id", UUID.class),
					row.get("topic", String.class), row.get("event_key", String.class),
					row.get("event_type", String.class), row.get("occurred_at", OffsetDateTime.class),
					row.get("payload", String.class).getBytes(StandardCharsets.UTF_8),
					row.get("traceparent", String.class));
		}

	}

}
