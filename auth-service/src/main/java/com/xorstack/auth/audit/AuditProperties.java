package com.xorstack.auth.audit;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit log keeps its rows and how often it looks after its partitions.
 *
 * @param retention rows recorded longer ago than this expire, a whole month's partition
 * at a time once all of that month is past it (DESIGN.md §5: two years)
 * @param monthsAhead empty monthly partitions kept ready beyond the current month
 * @param maintenanceInterval how often partitions are created ahead and expired ones
 * dropped; also done at start
 */
@ConfigurationProperties("xorstack.audit")
record AuditProperties(@DefaultValue("P2Y") Period retention, @DefaultValue("2") int monthsAhead,
		@DefaultValue("6h") Duration maintenanceInterval) {
}
