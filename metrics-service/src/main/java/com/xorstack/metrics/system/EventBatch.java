package com.xorstack.metrics.system;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchListenerFailedException;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.IncomingEvent;
import com.xorstack.platform.events.InvalidEventException;

/**
 * A batch of records read up to the first one that cannot be read. The listener applies
 * the readable prefix, then {@link #failIfAny() fails} naming the bad record's index: the
 * error handler commits the prefix, sends that record to the dead-letter topic and
 * delivers the rest again.
 *
 * @param <T> what a record's data is read into
 */
public final class EventBatch<T> {

	private final List<Read<T>> events = new ArrayList<>();

	private int failedIndex = -1;

	private @Nullable InvalidEventException failure;

	private EventBatch() {
	}

	/**
	 * @param reader reads one event, or throws {@link InvalidEventException}; answers
	 * {@code null} for an event type this consumer ignores
	 */
	public static <T> EventBatch<T> read(List<ConsumerRecord<String, byte[]>> records,
			Function<IncomingEvent, @Nullable T> reader) {
		EventBatch<T> batch = new EventBatch<>();
		for (int i = 0; i < records.size(); i++) {
			try {
				IncomingEvent event = CloudEventRecords.fromRecord(records.get(i));
				T data = reader.apply(event);
				if (data != null) {
					batch.events.add(new Read<>(event.id(), data));
				}
			}
			catch (InvalidEventException ex) {
				batch.failedIndex = i;
				batch.failure = ex;
				break;
			}
		}
		return batch;
	}

	public List<Read<T>> events() {
		return this.events;
	}

	public void failIfAny() {
		if (this.failure != null) {
			throw new BatchListenerFailedException(this.failure.getMessage(), this.failure, this.failedIndex);
		}
	}

	/** One readable event: its CloudEvent id and its data. */
	public record Read<T>(String id, T data) {
	}

}
