package com.xorstack.ailog.retention;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention of AI logs.
 *
 * @param days how long logs stay in the table; older days are archived and dropped
 * @param archiveDir where archives and their manifests are written first (the store
 * itself without a bucket, see {@code xorstack.archive.*})
 * @param partitionsAhead how many daily partitions exist ahead of today
 * @param cron when partition upkeep and retention run (UTC); {@code -} for never
 */
@ConfigurationProperties("xorstack.ailog.retention")
public record RetentionProperties(@DefaultValue("90d") Duration days, @DefaultValue("ailog-archive") Path archiveDir,
		@DefaultValue("7") int partitionsAhead, @DefaultValue("0 17 * * * *") String cron) {

}
