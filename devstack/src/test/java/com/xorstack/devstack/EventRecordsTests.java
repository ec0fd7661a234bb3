package com.xorstack.devstack;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Which records a test reads are held to the event contract. */
class EventRecordsTests {

	private static final String NOT_A_GAUGE = "{\"name\":\"storage.bytes\",\"value\":\"many\"}";

	@Test
	void aRecordWhoseDataBreaksTheSchemaOfItsTypeFailsTheTest() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> EventRecords.assertConforms(record(Topics.SYSTEM_METRICS, EventTypes.SYSTEM_GAUGE)))
			.withMessageStartingWith("Record system.metrics.v1-0@7: Not a valid " + EventTypes.SYSTEM_GAUGE)
			.withMessageContaining("$.value: ")
			.withMessageContaining("$: required property 'id' not found");
	}

	@Test
	void aTypeOfOursWithoutASchemaFailsTheTest() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(
					() -> EventRecords.assertConforms(record(Topics.SYSTEM_METRICS, "com.xorstack.system.gauge.v2")))
			.withMessageContaining("No JSON Schema for com.xorstack.system.gauge.v2");
	}

	@Test
	void deadLettersAndRecordsOfAnotherNamespaceOrWithoutATypePassUnchecked() {
		assertThatNoException().isThrownBy(() -> EventRecords
			.assertConforms(record(Topics.deadLetter(Topics.SYSTEM_METRICS), EventTypes.SYSTEM_GAUGE)));
		assertThatNoException()
			.isThrownBy(() -> EventRecords.assertConforms(record(Topics.SYSTEM_METRICS, "org.example.gauge.v1")));
		assertThatNoException().isThrownBy(() -> EventRecords.assertConforms(new ConsumerRecord<>(Topics.SYSTEM_METRICS,
				0, 7, "key", NOT_A_GAUGE.getBytes(StandardCharsets.UTF_8))));
	}

	private static ConsumerRecord<String, byte[]> record(String topic, String type) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 7, "key",
				NOT_A_GAUGE.getBytes(StandardCharsets.UTF_8));
		record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
		return record;
	}

}
