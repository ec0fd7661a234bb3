package com.xorstack.metrics.rollup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each rollup is kept, and how long an event id is remembered to absorb a
 * redelivery; sessions and gauge readings likewise (a gauge's hourly rollups, made of the
 * readings retention takes, are kept {@code systemMetricsHourly}). Events older than the
 * minute retention still count in the hourly rollups; events older than the hourly
 * retention are dropped. The per-user minute rollups (per-user alert rules only) are kept
 * briefly.
 */
@ConfigurationProperties("xorstack.metrics.retention")
public record RollupProperties(@DefaultValue("7d") Duration minuteRollups, @DefaultValue("365d") Duration hourRollups,
		@DefaultValue("14d") Duration processedEvents, @DefaultValue("1d") Duration sessions,
		@DefaultValue("90d") Duration systemMetrics, @DefaultValue("2d") Duration userMinuteRollups,
		@DefaultValue("365d") Duration systemMetricsHourly) {

	Duration retention(Granularity granularity) {
		// daily rollups are kept as long as the hourly ones they summarize
		return (granularity == Granularity.MINUTE) ? this.minuteRollups : this.hourRollups;
	}

}
