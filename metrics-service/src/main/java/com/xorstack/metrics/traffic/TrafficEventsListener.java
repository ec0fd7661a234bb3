package com.xorstack.metrics.traffic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.xorstack.metrics.activity.Activity;
import com.xorstack.metrics.rollup.Observation;
import com.xorstack.metrics.system.EventBatch;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.IncomingEvent;
import com.xorstack.platform.events.InvalidEventException;
import com.xorstack.platform.events.Topics;

/**
 * Reads gateway requests and recorded AI calls into observations: an API request is an
 * error when the gateway answered 5xx; a load of the dashboard summary also counts as a
 * dashboard load; the dashboard stream counts without a duration (it lasts as long as it
 * is watched, and would swamp the API percentiles); an AI call without a price counts as
 * unpriced, never as free.
 */
@Component
class TrafficEventsListener {

	private static final String DASHBOARD_SUMMARY = "/api/admin/dashboard/summary";

	/** Lasts as long as someone watches: counted, but its duration is no latency. */
	private static final String DASHBOARD_STREAM = "/api/admin/dashboard/stream";

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private final TrafficRecorder recorder;

	private final JsonMapper json;

	TrafficEventsListener(TrafficRecorder recorder, JsonMapper json) {
		this.recorder = recorder;
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	/**
	 * Gateway requests come a few at a time, all the time: fetched as they come, each
	 * handful would pay a whole transaction (ids claimed, rollup rows merged). The broker
	 * holds the fetch until {@code fetch.min.bytes} (about 500 events) have gathered or
	 * {@code fetch.max.wait.ms} has passed, so at any rate a batch comes at most about
	 * once a second and carries all that arrived meanwhile.
	 */
	@KafkaListener(id = "metrics-gateway-requests", topics = Topics.GATEWAY_REQUEST, batch = "true",
			properties = { "fetch.min.bytes=${xorstack.metrics.gateway-requests.fetch-min-bytes:262144}",
					"fetch.max.wait.ms=${xorstack.metrics.gateway-requests.fetch-max-wait-ms:1000}" })
	void onGatewayRequests(List<ConsumerRecord<String, byte[]>> records) {
		EventBatch<TrafficEvent> batch = EventBatch.read(records, this::gatewayRequest);
		this.recorder.record("gateway-requests", batch.events());
		batch.failIfAny();
	}

	@KafkaListener(id = "metrics-ai-calls", topics = Topics.AILOG_RECORDED, batch = "true")
	void onAiCalls(List<ConsumerRecord<String, byte[]>> records) {
		EventBatch<TrafficEvent> batch = EventBatch.read(records, this::aiCall);
		this.recorder.record("ai-calls", batch.events());
		batch.failIfAny();
	}

	private @Nullable TrafficEvent gatewayRequest(IncomingEvent event) {
		if (!EventTypes.GATEWAY_REQUEST_COMPLETED.equals(event.type())) {
			return null;
		}
		GatewayRequestCompleted data = parse(event, GatewayRequestCompleted.class);
		if (data.at() == null || data.status() == null || data.durationMs() == null || data.durationMs() < 0
				|| data.status() < 100 || data.status() > 599) {
			throw new InvalidEventException("Event " + event.id() + " lacks at, a valid status or durationMs");
		}
		String route = (data.route() != null) ? data.route() : "none";
		boolean error = data.status() >= 500;
		List<Observation> observations = new ArrayList<>(2);
		Double latency = DASHBOARD_STREAM.equals(data.path()) ? null : data.durationMs();
		observations.add(new Observation(Observation.API, route, "", "", data.at(), latency, error, 0, 0, null, false));
		if (DASHBOARD_SUMMARY.equals(data.path()) && "GET".equals(data.method())) {
			observations.add(new Observation(Observation.DASHBOARD, Observation.ALL, Observation.ALL, Observation.ALL,
					data.at(), data.durationMs(), error, 0, 0, null, false));
		}
		SlowRequest request = (latency != null && data.traceId() != null && TRACE_ID.matcher(data.traceId()).matches())
				? new SlowRequest(data.at(), route, (data.method() != null) ? data.method() : "", data.status(),
						latency, data.traceId())
				: null;
		return new TrafficEvent(observations, new Activity(data.at(), data.userId(), data.sessionId()), request);
	}

	private @Nullable TrafficEvent aiCall(IncomingEvent event) {
		if (!EventTypes.AILOG_RECORDED.equals(event.type())) {
			return null;
		}
		AiLogRecorded data = parse(event, AiLogRecorded.class);
		if (data.occurredAt() == null || data.functionName() == null || data.functionName().isBlank()
				|| !("success".equals(data.status()) || "error".equals(data.status())) || data.priced() == null
				|| (data.durationMs() != null && data.durationMs() < 0)) {
			throw new InvalidEventException(
					"Event " + event.id() + " lacks occurredAt, functionName, a valid status or priced");
		}
		String model = (data.responseModel() != null) ? data.responseModel()
				: (data.requestModel() != null) ? data.requestModel() : "";
		boolean unpriced = !data.priced() || data.costUsd() == null;
		BigDecimal cost = unpriced ? null : data.costUsd();
		Observation observation = new Observation(Observation.AI, data.functionName(), model,
				(data.operation() != null) ? data.operation() : "", data.occurredAt(), data.durationMs(),
				"error".equals(data.status()), tokens(data.inputTokens()), tokens(data.outputTokens()), cost, unpriced);
		return new TrafficEvent(List.of(observation), new Activity(data.occurredAt(), data.userId(), data.sessionId()),
				null);
	}

	private static long tokens(@Nullable Long tokens) {
		return (tokens != null && tokens > 0) ? tokens : 0;
	}

	private <T> T parse(IncomingEvent event, Class<T> type) {
		try {
			return this.json.readValue(event.data(), type);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("Event " + event.id() + " has invalid data: " + ex.getOriginalMessage(),
					ex);
		}
	}

}
