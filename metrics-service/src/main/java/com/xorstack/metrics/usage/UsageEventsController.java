package com.xorstack.metrics.usage;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Validator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.ingest.IngestBatch;
import com.xorstack.metrics.ingest.IngestResult;

/** {@code POST /api/usage-events} for role ingest: the event's {@code id} is its key. */
@RestController
class UsageEventsController {

	private final UsageRecorder recorder;

	private final JsonMapper json;

	private final Validator validator;

	UsageEventsController(UsageRecorder recorder, JsonMapper json, Validator validator) {
		this.recorder = recorder;
		this.json = json;
		this.validator = validator;
	}

	@PostMapping("/api/usage-events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<IngestResult> ingest(@RequestBody JsonNode body) {
		IngestBatch<UsageEvent> batch = IngestBatch.read(body, UsageEvent.class, this.json, this.validator);
		Map<String, UsageEvent> byId = new LinkedHashMap<>();
		batch.valid().forEach((item) -> byId.putIfAbsent(item.value().id().toString(), item.value()));
		return this.recorder.record(byId).map(batch::result);
	}

}
