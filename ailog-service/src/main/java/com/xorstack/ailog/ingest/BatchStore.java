package com.xorstack.ailog.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.R2dbcException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Stores the valid calls of one Kafka batch in one statement. Should that fail on one of
 * them, with the database refusing its data (SQLSTATE class 22 or 23) although it passed
 * validation or with an {@code Error} (the ingest's own code failing on what the event
 * holds), the calls are stored one by one and those that fail so are dead-lettered, so
 * that one bad record never stalls the partition nor stops its consumer. Any other
 * failure (database or broker unavailable) propagates and the batch is retried.
 */
@Component
class BatchStore {

	private static final Duration STORE_TIMEOUT = Duration.ofMinutes(2);

	private final IngestService ingest;

	private final RecordLetters letters;

	BatchStore(IngestService ingest, RecordLetters letters) {
		this.ingest = ingest;
		this.letters = letters;
	}

	/** How many calls were stored now; the letters of those refused are added. */
	int store(Map<AiLogCall, ConsumerRecord<String, byte[]>> calls, List<ProducerRecord<String, byte[]>> letters) {
		try {
			return storedCount(List.copyOf(calls.keySet()));
		}
		catch (Throwable failure) {
			if (!theEventsFault(failure)) {
				throw failure;
			}
		}
		int stored = 0;
		for (Map.Entry<AiLogCall, ConsumerRecord<String, byte[]>> call : calls.entrySet()) {
			try {
				stored += storedCount(List.of(call.getKey()));
			}
			catch (Throwable failure) {
				if (!theEventsFault(failure)) {
					throw failure;
				}
				letters.add(letter(call.getValue(), failure));
			}
		}
		return stored;
	}

	private int storedCount(List<AiLogCall> calls) {
		IngestOutcome outcome = this.ingest.store(calls).block(STORE_TIMEOUT);
		return (outcome != null) ? outcome.stored().size() : 0;
	}

	private ProducerRecord<String, byte[]> letter(ConsumerRecord<String, byte[]> record, Throwable failure) {
		R2dbcException refused = dataError(failure);
		if (refused != null) {
			return this.letters.of(record, refused,
					"the database refused the event (SQLSTATE " + refused.getSqlState() + "): " + refused.getMessage());
		}
		Error error = errorIn(failure);
		return this.letters.failed(record, (error != null) ? error : failure);
	}

	private static boolean theEventsFault(Throwable failure) {
		return !EventFailures.fatal(failure) && (dataError(failure) != null || errorIn(failure) != null);
	}

	private static @Nullable R2dbcException dataError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
					&& (r2dbc.getSqlState().startsWith("22") || r2dbc.getSqlState().startsWith("23"))) {
				return r2dbc;
			}
		}
		return null;
	}

	/** The Error in the causes, as thrown or as Reactor's block() wrapped it. */
	private static @Nullable Error errorIn(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof Error error) {
				return error;
			}
		}
		return null;
	}

}
