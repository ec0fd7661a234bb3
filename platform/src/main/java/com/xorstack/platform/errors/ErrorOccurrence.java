package com.xorstack.platform.errors;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.KafkaPrincipals;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

/**
 * Data of {@code com.xorstack.system.error.v1} ({@code schemas/system.error.v1.json}):
 * which service failed on which route, with what status and exception class, in which
 * trace. No message: the class is enough to count and group, and a message may quote a
 * person's data.
 */
record ErrorOccurrence(UUID id, String service, String route, String method, int status, String exceptionType,
		@Nullable String traceId, Instant at) {

	/**
	 * The shared mapper: the wire format must not follow a service's Jackson settings.
	 */
	private static final JsonMapper JSON = JsonMapper.shared();

	static ErrorOccurrence of(UnhandledError error) {
		return new ErrorOccurrence(UUID.randomUUID(), error.service(), error.route(), error.method(), error.status(),
				error.exceptionType(), error.traceId(), error.at());
	}

	/** Binary mode, keyed by the service, like the storage gauges on the same topic. */
	ProducerRecord<String, byte[]> toRecord() {
		return CloudEventRecords.toRecord(new OutgoingEvent(this.id, EventTypes.SYSTEM_ERROR,
				URI.create(source(this.service)), this.at.atOffset(ZoneOffset.UTC), Topics.SYSTEM_METRICS, this.service,
				JSON.writeValueAsBytes(this)));
	}

	/**
	 * The service's fixed {@code ce_source} (the gateway's is {@code /xorstack/gateway}),
	 * which consumers check against the topic's producers.
	 */
	static String source(String service) {
		return (KafkaPrincipals.ALL.contains(service) && !KafkaPrincipals.EDGE.equals(service))
				? KafkaPrincipals.source(service) : "/" + service;
	}

}
