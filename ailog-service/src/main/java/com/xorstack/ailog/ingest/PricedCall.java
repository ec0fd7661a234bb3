package com.xorstack.ailog.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A valid call with its cost, as it is stored and announced. Its time is cut to the
 * microseconds {@code timestamptz} keeps, so that the row and the event agree.
 */
record PricedCall(AiLogCall call, ModelPrices.Cost cost) {

	Instant occurredAt() {
		return this.call.occurredAt().truncatedTo(ChronoUnit.MICROS);
	}

}
