package com.xorstack.ailog.retention;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Partition upkeep and retention on a schedule: the partitions of the days ahead exist
 * before their first event, and expired days are archived and dropped. The partitions are
 * also created at start-up; a cron of {@code -} turns the schedule off. Each instance may
 * run it: creation is idempotent, and a partition being dropped is locked, so a second
 * archiver fails on it and leaves it to the first.
 */
@Component
class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final Partitions partitions;

	private final PartitionArchiver archiver;

	private final RetentionProperties properties;

	RetentionJob(Partitions partitions, PartitionArchiver archiver, RetentionProperties properties) {
		this.partitions = partitions;
		this.archiver = archiver;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartUp() {
		createAhead();
		this.archiver.refreshMetrics();
	}

	@Scheduled(cron = "${xorstack.ailog.retention.cron:0 17 * * * *}", zone = "UTC")
	void run() {
		createAhead();
		try {
			this.archiver.archiveBefore(this.archiver.firstKeptDay());
		}
		catch (RuntimeException ex) {
			log.error("Retention failed; the partitions not yet archived stay and are tried again next run", ex);
		}
	}

	private void createAhead() {
		this.partitions.createAround(LocalDate.now(ZoneOffset.UTC), this.properties.partitionsAhead()).block();
	}

}
