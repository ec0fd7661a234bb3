package com.xorstack.metrics.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The stream pushes the summary every {@code pushInterval}, and at most every
 * {@code changeDelay} when new data arrives in between; a comment line every
 * {@code heartbeat} keeps proxies from closing a quiet connection.
 */
@ConfigurationProperties("xorstack.metrics.dashboard")
record DashboardProperties(@DefaultValue("5s") Duration pushInterval, @DefaultValue("1s") Duration changeDelay,
		@DefaultValue("15s") Duration heartbeat, @DefaultValue("15m") Duration activeSessionWindow) {
}
