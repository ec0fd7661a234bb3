package com.xorstack.platform.gauges;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;
import com.xorstack.platform.gauges.StorageSizes.TableSize;

/**
 * One reading of {@code com.xorstack.system.gauge.v1} (see
 * {@code schemas/system.gauge.v1.json}); its id is also the CloudEvent id.
 */
record GaugeReading(UUID id, String name, Number value, String unit, Map<String, String> labels, Instant at) {

	static final String STORAGE_BYTES = "storage.bytes";

	/**
	 * The shared mapper, not the service's: the wire format must not change with a
	 * service's {@code spring.jackson.*} settings.
	 */
	private static final JsonMapper JSON = JsonMapper.shared();

	static GaugeReading storage(TableSize size, String service, Instant at) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("service", service);
		labels.put("kind", size.table());
		return new GaugeReading(UUID.randomUUID(), STORAGE_BYTES, size.bytes(), "bytes", labels, at);
	}

	/**
	 * A reading of {@code name}; {@code value} a {@code Long} or a {@code Double},
	 * written as JSON writes either.
	 */
	static GaugeReading of(String name, Number value, String unit, Map<String, String> labels, Instant at) {
		return new GaugeReading(UUID.randomUUID(), name, value, unit, labels, at);
	}

	/** Binary mode, keyed by the gauge's name. */
	ProducerRecord<String, byte[]> toRecord(URI source) {
		return CloudEventRecords.toRecord(new OutgoingEvent(this.id, EventTypes.SYSTEM_GAUGE, source,
				this.at.atOffset(ZoneOffset.UTC), Topics.SYSTEM_METRICS, this.name, JSON.writeValueAsBytes(this)));
	}

}
