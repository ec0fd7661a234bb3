package com.xorstack.ailog.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.xorstack.platform.tracing.TraceContexts;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * {@code POST /api/ai-logs}: one event, or {@code {"events": [...]}} with up to
 * {@code maxBatchSize} of them. A batch is answered 202 with its rejections listed; a
 * single event that is invalid gets a 400 problem naming its fields.
 */
@RestController
class IngestController {

	private final CallValidator validator;

	private final IngestService ingest;

	private final IngestProperties properties;

	private final JsonMapper json;

	IngestController(CallValidator validator, IngestService ingest, IngestProperties properties, JsonMapper json) {
		this.validator = validator;
		this.ingest = ingest;
		this.properties = properties;
		this.json = json;
	}

	/**
	 * The body is read on the event loop; parsing and validating it (with the redaction
	 * of every preview) run on a worker, so that a large batch never holds a loop that
	 * serves other connections. Bounded elastic rather than parallel: parallel has one
	 * thread per core and also runs Reactor's timers ({@code timeout}, {@code delay}),
	 * which a slow batch would hold up; bounded elastic is capped (ten threads per core,
	 * a bounded queue), so a flood of batches cannot grow it without limit either.
	 */
	@PostMapping(path = "/api/ai-logs", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<IngestResponse>> ingest(ServerWebExchange exchange) {
		String traceparent = exchange.getRequest().getHeaders().getFirst(TraceContexts.TRACEPARENT);
		return RequestBodies.read(exchange, this.properties.maxBodySize())
			.publishOn(Schedulers.boundedElastic())
			.map(this::parse)
			.map((body) -> validated(body, traceparent))
			.flatMap(this::store)
			.map((response) -> ResponseEntity.status(HttpStatus.ACCEPTED).body(response));
	}

	private JsonNode parse(byte[] body) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidParameterException("body", "is not valid JSON");
		}
	}

	private Batch validated(JsonNode body, @Nullable String traceparent) {
		if (body.isObject() && body.has("events")) {
			return batch(body, traceparent);
		}
		Validated validated = EventFailures.validate(this.validator, body);
		if (!validated.isValid()) {
			throw invalid(validated.problems());
		}
		return new Batch(List.of(validated.call().inTrace(traceparent)), List.of());
	}

	private Batch batch(JsonNode body, @Nullable String traceparent) {
		if (body.size() != 1) {
			String other = body.propertyNames()
				.stream()
				.filter((name) -> !name.equals("events"))
				.findFirst()
				.orElse("");
			throw new InvalidParameterException(other, "is not a field of a batch; a batch has only events");
		}
		JsonNode events = body.get("events");
		if (!events.isArray() || events.isEmpty()) {
			throw new InvalidParameterException("events", "must be a non-empty array of AI-call events");
		}
		if (events.size() > this.properties.maxBatchSize()) {
			throw new InvalidParameterException("events",
					"must hold at most " + this.properties.maxBatchSize() + " events, not " + events.size());
		}
		List<AiLogCall> calls = new ArrayList<>(events.size());
		List<IngestResponse.Rejection> rejected = new ArrayList<>();
		for (int index = 0; index < events.size(); index++) {
			JsonNode event = events.get(index);
			Validated validated = EventFailures.validate(this.validator, event);
			if (validated.isValid()) {
				calls.add(validated.call().inTrace(traceparent));
			}
			else {
				rejected.add(new IngestResponse.Rejection(index, idOf(event), validated.problems()));
			}
		}
		return new Batch(calls, rejected);
	}

	private Mono<IngestResponse> store(Batch batch) {
		return this.ingest.store(batch.calls())
			.map((outcome) -> new IngestResponse(outcome.stored().size(), outcome.duplicates(), batch.rejected()));
	}

	private static String idOf(JsonNode event) {
		JsonNode id = event.isObject() ? event.get("id") : null;
		return (id != null && id.isString()) ? id.stringValue() : null;
	}

	private static ErrorResponseException invalid(List<FieldProblem> problems) {
		FieldProblem first = problems.get(0);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				first.field() + " " + first.message());
		problem.setTitle("Invalid request");
		problem.setProperty("errors",
				problems.stream().map((p) -> Map.of("field", p.field(), "message", p.message())).toList());
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	/** The valid calls of a request, and the events rejected. */
	private record Batch(List<AiLogCall> calls, List<IngestResponse.Rejection> rejected) {
	}

}
