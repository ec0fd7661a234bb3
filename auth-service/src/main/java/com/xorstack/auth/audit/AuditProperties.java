package com.xorstack.auth.audit;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit log keeps its rows, how often it looks after its partitions, and how
 * its chain is keyed and anchored.
 *
 * @param retention rows recorded longer ago than this expire, a whole month's partition
 * at a time once all of that month is past it (DESIGN.md §5: two years)
 * @param monthsAhead empty monthly partitions kept ready beyond the current month
 * @param maintenanceInterval how often partitions are created ahead and expired ones
 * dropped; also done at start
 * @param chainKey the HMAC secret of the chain (env {@code AUDIT_CHAIN_KEY}), at least 32
 * characters, never stored in the database; blank only in development (see
 * {@link AuditChainKeys})
 * @param chainKeyVersion the chain version new rows are written with; raised by one with
 * every new key
 * @param previousChainKeys the keys of older chain versions, by version, kept to verify
 * the rows they signed
 * @param chainHeadTopic where the chain's head is anchored
 * @param headInterval how often the head is published even when nothing was appended
 * @param producers the {@code ce_source} of every service allowed to report privileged
 * actions on {@code audit.events.v1}; an event from any other is dead-lettered
 */
@ConfigurationProperties("xorstack.audit")
record AuditProperties(@DefaultValue("P2Y") Period retention, @DefaultValue("2") int monthsAhead,
		@DefaultValue("6h") Duration maintenanceInterval, @Nullable String chainKey,
		@DefaultValue("2") int chainKeyVersion, @Nullable Map<Integer, String> previousChainKeys,
		@DefaultValue("audit.chain-head.v1") String chainHeadTopic, @DefaultValue("1m") Duration headInterval,
		@DefaultValue("/feedback-service") List<String> producers) {
}
