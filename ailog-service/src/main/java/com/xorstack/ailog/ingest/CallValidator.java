package com.xorstack.ailog.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.xorstack.ailog.retention.RetentionProperties;

/**
 * The one validation of {@code ailog.call.v1}, whichever way an event came in. It reports
 * every problem of an event at once, each naming its field, and redacts the output
 * preview of a valid one.
 */
@Component
public class CallValidator {

	private static final Set<String> FIELDS = Set.of("id", "occurredAt", "functionName", "operation", "provider",
			"requestModel", "responseModel", "inputHash", "outputPreview", "durationMs", "timeToFirstTokenMs",
			"inputTokens", "outputTokens", "cacheReadInputTokens", "status", "errorType", "finishReasons", "userId",
			"sessionId", "conversationId", "traceId", "spanId", "attributes");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

	private final Redactor redactor;

	private final Duration retention;

	private final Duration maxFutureSkew;

	private final Clock clock;

	@Autowired
	CallValidator(Redactor redactor, RetentionProperties retention, IngestProperties ingest) {
		this(redactor, retention.days(), ingest.maxFutureSkew(), Clock.systemUTC());
	}

	CallValidator(Redactor redactor, Duration retention, Duration maxFutureSkew, Clock clock) {
		this.redactor = redactor;
		this.retention = retention;
		this.maxFutureSkew = maxFutureSkew;
		this.clock = clock;
	}

	public Validated validate(@Nullable JsonNode event) {
		if (event == null || !event.isObject()) {
			return Validated.invalid(List.of(new FieldProblem("body", "must be a JSON object")));
		}
		event = GenAiAttributes.normalized(event);
		Fields fields = new Fields(event);
		for (String name : event.propertyNames()) {
			if (!FIELDS.contains(name)) {
				fields.problem(name, "is not a field of this event");
			}
		}
		UUID id = fields.uuid("id");
		Instant occurredAt = occurredAt(fields);
		String functionName = fields.text("functionName", true, 200);
		String operation = fields.text("operation", false, 100);
		String provider = fields.text("provider", false, 100);
		String requestModel = fields.text("requestModel", false, 200);
		String responseModel = fields.text("responseModel", false, 200);
		String inputHash = fields.matching("inputHash", SHA256,
				"must be the hex SHA-256 of the prompt (64 lowercase hex digits)");
		String outputPreview = fields.text("outputPreview", false, Integer.MAX_VALUE);
		Double durationMs = fields.number("durationMs");
		Double timeToFirstTokenMs = fields.number("timeToFirstTokenMs");
		Integer inputTokens = fields.count("inputTokens");
		Integer outputTokens = fields.count("outputTokens");
		Integer cacheReadInputTokens = fields.count("cacheReadInputTokens");
		String status = fields.text("status", true, 20);
		if (status != null && !status.equals("success") && !status.equals("error")) {
			fields.problem("status", "must be success or error");
		}
		String errorType = fields.text("errorType", false, 200);
		List<String> finishReasons = fields.strings("finishReasons");
		String userId = fields.text("userId", false, 200);
		String sessionId = fields.text("sessionId", false, 200);
		String conversationId = fields.text("conversationId", false, 200);
		String traceId = fields.matching("traceId", TRACE_ID, "must be 32 lowercase hex digits");
		String spanId = fields.matching("spanId", SPAN_ID, "must be 16 lowercase hex digits");
		Map<String, String> attributes = fields.stringMap("attributes");
		if (!fields.problems.isEmpty()) {
			return Validated.invalid(fields.problems);
		}
		return Validated.valid(new AiLogCall(id, occurredAt, functionName, operation, provider, requestModel,
				responseModel, inputHash, this.redactor.redact(outputPreview), durationMs, timeToFirstTokenMs,
				inputTokens, outputTokens, cacheReadInputTokens, status, errorType, finishReasons, userId, sessionId,
				conversationId, traceId, spanId, (attributes != null) ? attributes : Map.of()));
	}

	private @Nullable Instant occurredAt(Fields fields) {
		String text = fields.text("occurredAt", true, 64);
		if (text == null) {
			return null;
		}
		Instant occurredAt;
		try {
			occurredAt = OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			fields.problem("occurredAt", "must be an RFC 3339 date-time with an offset");
			return null;
		}
		Instant now = this.clock.instant();
		if (occurredAt.isBefore(now.minus(this.retention))) {
			fields.problem("occurredAt", "is older than the retention period of " + this.retention.toDays() + " days");
		}
		else if (occurredAt.isAfter(now.plus(this.maxFutureSkew))) {
			fields.problem("occurredAt", "lies in the future");
		}
		return occurredAt;
	}

	/**
	 * PostgreSQL text cannot hold NUL, and an unpaired surrogate is no UTF-8: either
	 * would fail the whole batch's statement, so it is the event's problem, found here.
	 */
	static boolean storable(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/** Reads fields of one event and collects what is wrong with them. */
	private static final class Fields {

		private final JsonNode event;

		private final List<FieldProblem> problems = new ArrayList<>();

		Fields(JsonNode event) {
			this.event = event;
		}

		void problem(String field, String message) {
			this.problems.add(new FieldProblem(field, message));
		}

		private @Nullable JsonNode present(String name, boolean required) {
			JsonNode node = this.event.get(name);
			if (node == null || node.isNull()) {
				if (required) {
					problem(name, "is required");
				}
				return null;
			}
			return node;
		}

		@Nullable String text(String name, boolean required, int maxLength) {
			JsonNode node = present(name, required);
			if (node == null) {
				return null;
			}
			if (!node.isString()) {
				problem(name, "must be a string");
				return null;
			}
			String value = node.stringValue();
			if (!storable(value)) {
				problem(name, "must not contain NUL characters or unpaired surrogates");
				return null;
			}
			if (required && value.isBlank()) {
				problem(name, "must not be blank");
			}
			else if (value.length() > maxLength) {
				problem(name, "must be at most " + maxLength + " characters long");
			}
			return value;
		}

		@Nullable String matching(String name, Pattern pattern, String message) {
			String value = text(name, false, 200);
			if (value != null && !pattern.matcher(value).matches()) {
				problem(name, message);
			}
			return value;
		}

		@Nullable UUID uuid(String name) {
			String value = text(name, true, 36);
			if (value == null) {
				return null;
			}
			try {
				UUID id = UUID.fromString(value);
				if (id.toString().equalsIgnoreCase(value)) {
					return id;
				}
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
			problem(name, "must be a UUID");
			return null;
		}

		@Nullable Double number(String name) {
			JsonNode node = present(name, false);
			if (node == null) {
				return null;
			}
			if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
				problem(name, "must be a number");
				return null;
			}
			if (node.doubleValue() < 0) {
				problem(name, "must not be negative");
			}
			return node.doubleValue();
		}

		@Nullable Integer count(String name) {
			JsonNode node = present(name, false);
			if (node == null) {
				return null;
			}
			if (!node.isIntegralNumber() || !node.canConvertToInt()) {
				problem(name, "must be a whole number up to " + Integer.MAX_VALUE);
				return null;
			}
			if (node.intValue() < 0) {
				problem(name, "must not be negative");
			}
			return node.intValue();
		}

		@Nullable List<String> strings(String name) {
			JsonNode node = present(name, false);
			if (node == null) {
				return null;
			}
			if (!node.isArray() || node.size() > 50) {
				problem(name, "must be an array of at most 50 strings");
				return null;
			}
			List<String> values = new ArrayList<>();
			for (JsonNode item : node.values()) {
				if (!item.isString() || item.stringValue().length() > 100 || !storable(item.stringValue())) {
					problem(name, "must be an array of strings of at most 100 characters");
					return null;
				}
				values.add(item.stringValue());
			}
			return values;
		}

		@Nullable Map<String, String> stringMap(String name) {
			JsonNode node = present(name, false);
			if (node == null) {
				return null;
			}
			if (!node.isObject() || node.size() > 64) {
				problem(name, "must be an object of at most 64 string values");
				return null;
			}
			Map<String, String> values = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (!entry.getValue().isString() || entry.getValue().stringValue().length() > 1000
						|| !storable(entry.getKey()) || !storable(entry.getValue().stringValue())) {
					problem(name + "." + entry.getKey(), "must be a string of at most 1000 characters");
					continue;
				}
				values.put(entry.getKey(), entry.getValue().stringValue());
			}
			return values;
		}

	}

}
