package com.xorstack.metrics.gauge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import com.xorstack.metrics.system.MetricsChanges;

/**
 * {@code POST /api/system-metrics} for role ingest: the reading's {@code id} is its key.
 */
@RestController
class SystemMetricsController {

	private final GaugeRepository gauges;

	private final JsonMapper json;

	private final Validator validator;

	private final MetricsChanges changes;

	SystemMetricsController(GaugeRepository gauges, JsonMapper json, Validator validator, MetricsChanges changes) {
		this.gauges = gauges;
		this.json = json;
		this.validator = validator;
		this.changes = changes;
	}

	@PostMapping("/api/system-metrics")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<IngestResult> ingest(@RequestBody JsonNode body) {
		IngestBatch<SystemGauge> batch = IngestBatch.read(body, SystemGauge.class, this.json, this.validator);
		Map<String, SystemGauge> byId = new LinkedHashMap<>();
		batch.valid().forEach((item) -> byId.putIfAbsent(item.value().id().toString(), item.value()));
		List<Map.Entry<String, SystemGauge>> readings = new ArrayList<>(byId.entrySet());
		return this.gauges.insert(readings).doOnSuccess((inserted) -> this.changes.changed()).map(batch::result);
	}

}
