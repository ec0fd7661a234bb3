package com.xorstack.platform.gauges;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the storage gauges.
 *
 * @param enabled whether a service with a database publishes them at all
 * @param interval how often the sizes are measured and published; the first run comes
 * after 10 s, or after one interval if that is shorter
 */
@ConfigurationProperties("xorstack.storage-gauges")
public record StorageGaugesProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15m") Duration interval) {
}
