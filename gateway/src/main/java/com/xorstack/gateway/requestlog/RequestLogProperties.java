package com.xorstack.gateway.requestlog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether request events are sent at all
 * @param bufferCapacity the most events waiting for Kafka; past it new ones are dropped
 * @param batchSize the most events handed to the producer in one drain
 * @param flushInterval how often the buffer is drained
 */
@ConfigurationProperties("xorstack.gateway.request-events")
record RequestLogProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10000") int bufferCapacity,
		@DefaultValue("500") int batchSize, @DefaultValue("200ms") Duration flushInterval) {
}
