package com.xorstack.ailog.otlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.xorstack.ailog.ingest.AiLogCall;
import com.xorstack.ailog.ingest.CallValidator;
import com.xorstack.ailog.ingest.EventFailures;
import com.xorstack.ailog.ingest.IngestProperties;
import com.xorstack.ailog.ingest.IngestService;
import com.xorstack.ailog.ingest.RequestBodies;
import com.xorstack.ailog.ingest.Validated;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * {@code POST /v1/traces} as an OTLP/HTTP server answers it: 200 with an
 * {@code ExportTraceServiceResponse} in the request's encoding, carrying
 * {@code partialSuccess} when some AI spans were rejected.
 */
@RestController
class OtlpController {

	static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

	private static final int MAX_REASONS = 5;

	private final CallValidator validator;

	private final IngestService ingest;

	private final IngestProperties properties;

	private final JsonMapper json;

	OtlpController(CallValidator validator, IngestService ingest, IngestProperties properties, JsonMapper json) {
		this.validator = validator;
		this.ingest = ingest;
		this.properties = properties;
		this.json = json;
	}

	/**
	 * Parsing and validating run on a worker, not on the event loop the body was read on;
	 * see {@code IngestController} for why bounded elastic.
	 */
	@PostMapping(path = "/v1/traces", consumes = "application/x-protobuf")
	Mono<ResponseEntity<byte[]>> exportProtobuf(ServerWebExchange exchange) {
		return RequestBodies.read(exchange, this.properties.maxBodySize())
			.publishOn(Schedulers.boundedElastic())
			.map(OtlpController::parseProtobuf)
			.map(this::validated)
			.flatMap(this::store)
			.map((response) -> ResponseEntity.ok().contentType(PROTOBUF).body(response.toByteArray()));
	}

	@PostMapping(path = "/v1/traces", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<byte[]>> exportJson(ServerWebExchange exchange) {
		return RequestBodies.read(exchange, this.properties.maxBodySize())
			.publishOn(Schedulers.boundedElastic())
			.map((body) -> OtlpJson.parse(body, this.json))
			.map(this::validated)
			.flatMap(this::store)
			.map((response) -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(OtlpJson.print(response).getBytes(StandardCharsets.UTF_8)));
	}

	private static ExportTraceServiceRequest parseProtobuf(byte[] body) {
		try {
			return ExportTraceServiceRequest.parseFrom(body);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new InvalidParameterException("body", "is not an OTLP ExportTraceServiceRequest in protobuf");
		}
	}

	private Export validated(ExportTraceServiceRequest request) {
		List<AiLogCall> calls = new ArrayList<>();
		List<String> reasons = new ArrayList<>();
		long rejected = 0;
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					if (!SpanMapper.isAiCall(span)) {
						continue;
					}
					Validated validated = EventFailures.validate(this.validator,
							SpanMapper.toEvent(resourceSpans.getResource(), span));
					if (validated.isValid()) {
						calls.add(validated.call());
					}
					else {
						rejected++;
						if (reasons.size() < MAX_REASONS) {
							reasons.add("span " + span.getName() + ": " + validated.reason());
						}
					}
				}
			}
		}
		ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
		if (rejected > 0) {
			response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
				.setRejectedSpans(rejected)
				.setErrorMessage(String.join("; ", reasons)));
		}
		return new Export(calls, response.build());
	}

	private Mono<ExportTraceServiceResponse> store(Export export) {
		return this.ingest.store(export.calls()).thenReturn(export.response());
	}

	/** The valid calls of a request, and the answer once they are stored. */
	private record Export(List<AiLogCall> calls, ExportTraceServiceResponse response) {
	}

}
