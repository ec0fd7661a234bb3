package com.xorstack.ailog.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.xorstack.ailog.privacy.Redactor;
import com.xorstack.ailog.retention.RetentionProperties;

/**
 * The one validation of {@code ailog.call.v1}, whichever way an event came in. It reports
 * every problem of an event at once, each naming its field, and redacts every free-text
 * field of a valid one (docs/PRIVACY.md): the output preview, the error type, the ids,
 * and the attributes it may keep.
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
		EventFields fields = new EventFields(event);
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
		Double durationMs = fields.number("durationMs", Duration.ofDays(1).toMillis());
		Double timeToFirstTokenMs = fields.number("timeToFirstTokenMs", Duration.ofDays(1).toMillis());
		Integer inputTokens = fields.count("inputTokens", 10_000_000);
		Integer outputTokens = fields.count("outputTokens", 10_000_000);
		Integer cacheReadInputTokens = fields.count("cacheReadInputTokens", 10_000_000);
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
		Map<String, String> attributes = fields.stringMap("attributes", this.redactor::keeps, this.redactor::isContent);
		if (!fields.problems().isEmpty()) {
			return Validated.invalid(fields.problems());
		}
		Redactor redact = this.redactor;
		return Validated.valid(new AiLogCall(id, occurredAt, functionName, operation, provider, requestModel,
				responseModel, inputHash, redact.preview(outputPreview), durationMs, timeToFirstTokenMs, inputTokens,
				outputTokens, cacheReadInputTokens, status, redact.text(errorType, 200), finishReasons,
				redact.id(userId), redact.id(sessionId), redact.id(conversationId), traceId, spanId,
				(attributes != null) ? redact.attributes(attributes) : Map.of()));
	}

	private @Nullable Instant occurredAt(EventFields fields) {
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

}
