package com.xorstack.metrics.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.platform.web.InvalidParameterException;
import com.xorstack.platform.web.UnstorableTextException;

/**
 * A request body of one event or {@code {"events": [...]}}, read item by item: a bad item
 * is rejected with its index and fields, the good ones go on.
 *
 * @param <T> the item type
 */
public final class IngestBatch<T> {

	public static final int MAX_EVENTS = 1000;

	private final List<Indexed<T>> valid = new ArrayList<>();

	private final List<IngestResult.Rejection> rejected = new ArrayList<>();

	private IngestBatch() {
	}

	public static <T> IngestBatch<T> read(JsonNode body, Class<T> type, JsonMapper json, Validator validator) {
		if (!body.isObject()) {
			throw new InvalidParameterException("body", "must be one event object or {\"events\": [...]}");
		}
		List<JsonNode> items = new ArrayList<>();
		if (body.size() == 1 && body.has("events")) {
			JsonNode events = body.get("events");
			if (!events.isArray() || events.isEmpty()) {
				throw new InvalidParameterException("events", "must be a non-empty array");
			}
			if (events.size() > MAX_EVENTS) {
				throw new InvalidParameterException("events", "must hold at most " + MAX_EVENTS + " events");
			}
			events.forEach(items::add);
		}
		else {
			items.add(body);
		}
		IngestBatch<T> batch = new IngestBatch<>();
		for (int i = 0; i < items.size(); i++) {
			batch.readItem(i, items.get(i), type, json, validator);
		}
		return batch;
	}

	private void readItem(int index, JsonNode item, Class<T> type, JsonMapper json, Validator validator) {
		T value;
		try {
			value = json.treeToValue(item, type);
		}
		catch (JacksonException ex) {
			this.rejected.add(new IngestResult.Rejection(index, List.of(jsonError(ex))));
			return;
		}
		if (value == null) {
			this.rejected.add(new IngestResult.Rejection(index,
					List.of(new IngestResult.FieldError("body", "must be an event object"))));
			return;
		}
		Set<ConstraintViolation<T>> violations = validator.validate(value);
		if (!violations.isEmpty()) {
			List<IngestResult.FieldError> errors = violations.stream()
				.map((violation) -> new IngestResult.FieldError(violation.getPropertyPath().toString(),
						violation.getMessage()))
				.sorted(Comparator.comparing(IngestResult.FieldError::field))
				.toList();
			this.rejected.add(new IngestResult.Rejection(index, errors));
			return;
		}
		this.valid.add(new Indexed<>(index, value));
	}

	public List<Indexed<T>> valid() {
		return this.valid;
	}

	public IngestResult result(int accepted) {
		return new IngestResult(accepted, this.valid.size() - accepted, this.rejected);
	}

	private static IngestResult.FieldError jsonError(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		String field = path.isEmpty() ? "body" : path.toString();
		String message = (ex instanceof UnrecognizedPropertyException) ? "is not a field of this event"
				: (ex instanceof UnstorableTextException) ? UnstorableTextException.MESSAGE
						: "has a value of the wrong type or format";
		return new IngestResult.FieldError(field, message);
	}

	/** A valid item and its place in the request. */
	public record Indexed<T>(int index, T value) {
	}

}
