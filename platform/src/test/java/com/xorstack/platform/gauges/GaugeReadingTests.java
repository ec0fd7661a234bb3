package com.xorstack.platform.gauges;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;
import com.xorstack.platform.gauges.StorageSizes.TableSize;

import static org.assertj.core.api.Assertions.assertThat;

class GaugeReadingTests {

	@Test
	void storageReadingIsAGaugeEventKeyedByItsName() {
		Instant at = Instant.parse("2026-11-25T10:00:00.123Z");
		GaugeReading reading = GaugeReading.storage(new TableSize("ai_logs", 1_048_576), "ailog-service", at);
		ProducerRecord<String, byte[]> record = reading.toRecord(URI.create("/ailog-service"));
		assertThat(record.topic()).isEqualTo(Topics.SYSTEM_METRICS);
		assertThat(record.key()).isEqualTo("storage.bytes");
		assertThat(header(record, "ce_id")).isEqualTo(reading.id().toString());
		assertThat(header(record, "ce_type")).isEqualTo(EventTypes.SYSTEM_GAUGE);
		assertThat(header(record, "ce_source")).isEqualTo("/ailog-service");
		assertThat(header(record, "ce_time")).isEqualTo("2026-11-25T10:00:00.123Z");
		Map<String, Object> data = JsonMapper.shared()
			.readValue(record.value(), new TypeReference<Map<String, Object>>() {
			});
		assertThat(data).containsOnlyKeys("id", "name", "value", "unit", "labels", "at")
			.containsEntry("id", reading.id().toString())
			.containsEntry("name", "storage.bytes")
			.containsEntry("value", 1_048_576)
			.containsEntry("unit", "bytes")
			.containsEntry("labels", Map.of("service", "ailog-service", "kind", "ai_logs"))
			.containsEntry("at", "2026-11-25T10:00:00.123Z");
	}

	@Test
	void eachReadingHasAnIdOfItsOwn() {
		TableSize size = new TableSize("outbox", 8192);
		Instant at = Instant.now();
		assertThat(GaugeReading.storage(size, "feedback-service", at).id())
			.isNotEqualTo(GaugeReading.storage(size, "feedback-service", at).id());
	}

	private static String header(ProducerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
