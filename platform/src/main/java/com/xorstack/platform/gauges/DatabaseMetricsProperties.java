package com.xorstack.platform.gauges;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the database metrics.
 *
 * @param enabled whether statements and pool acquisitions are measured and published at
 * all; off, the connection factory is left as it is
 * @param interval how long one reading measures; each is published at the end of its
 * interval
 * @param top how many statements are published per interval by total time and by p95 (one
 * set, so at most twice as many)
 * @param maxStatements how many distinct statements one interval keeps apart; the rest
 * are counted under {@code other}
 */
@ConfigurationProperties("xorstack.database-metrics")
public record DatabaseMetricsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration interval,
		@DefaultValue("10") int top, @DefaultValue("500") int maxStatements) {
}
