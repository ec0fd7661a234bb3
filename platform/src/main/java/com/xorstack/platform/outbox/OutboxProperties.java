package com.xorstack.platform.outbox;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param source the CloudEvents {@code source} of this service's events
 * @param pollInterval how long the relay waits when it found nothing to publish
 * @param batchSize how many events one relay transaction publishes at most
 * @param maxBackoff the longest wait between attempts while Kafka is unreachable
 * @param keepPublished how long published rows stay for inspection before they are
 * deleted
 */
@ConfigurationProperties("xorstack.outbox")
public record OutboxProperties(URI source, @DefaultValue("200ms") Duration pollInterval,
		@DefaultValue("200") int batchSize, @DefaultValue("10s") Duration maxBackoff,
		@DefaultValue("1d") Duration keepPublished) {
}
