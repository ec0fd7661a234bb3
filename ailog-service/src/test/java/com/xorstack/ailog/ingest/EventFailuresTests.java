package com.xorstack.ailog.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventFailuresTests {

	@Test
	void onlyTheJvmsOwnErrorsOtherThanAStackOverflowAreFatal() {
		assertThat(EventFailures.fatal(new OutOfMemoryError())).isTrue();
		assertThat(EventFailures.fatal(new InternalError())).isTrue();
		assertThat(EventFailures.fatal(new StackOverflowError())).isFalse();
		assertThat(EventFailures.fatal(new AssertionError())).isFalse();
		assertThat(EventFailures.fatal(new IllegalStateException())).isFalse();
	}

}
