package com.xorstack.ailog.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the three ingest paths.
 *
 * @param maxBatchSize the most events one {@code POST /api/ai-logs} may carry
 * @param maxBodySize the largest body {@code POST /api/ai-logs} and {@code /v1/traces}
 * read; larger ones get a 413
 * @param maxFutureSkew how far past the service's clock an {@code occurredAt} may lie
 * @param priceRefresh how long the ingest prices calls from its in-memory copy of
 * {@code model_prices} before it reads the table again
 */
@ConfigurationProperties("xorstack.ailog.ingest")
public record IngestProperties(@DefaultValue("1000") int maxBatchSize, @DefaultValue("4MB") DataSize maxBodySize,
		@DefaultValue("1d") Duration maxFutureSkew, @DefaultValue("1m") Duration priceRefresh) {

}
