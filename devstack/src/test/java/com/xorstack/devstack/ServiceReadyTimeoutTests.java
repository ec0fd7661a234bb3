package com.xorstack.devstack;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceReadyTimeoutTests {

	@Test
	void fiveMinutesUnlessSet() {
		assertThat(ServiceProcess.readyTimeout(Map.of())).isEqualTo(Duration.ofMinutes(5));
		assertThat(ServiceProcess.readyTimeout(Map.of(ServiceProcess.READY_TIMEOUT, " 600 ")))
			.isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void aWrongValueIsNamed() {
		assertThatThrownBy(() -> ServiceProcess.readyTimeout(Map.of(ServiceProcess.READY_TIMEOUT, "2m")))
			.isInstanceOf(DevStackException.class)
			.hasMessageContaining("XORSTACK_READY_TIMEOUT")
			.hasMessageContaining("'2m'");
		assertThatThrownBy(() -> ServiceProcess.readyTimeout(Map.of(ServiceProcess.READY_TIMEOUT, "0")))
			.hasMessageContaining("above 0");
	}

}
