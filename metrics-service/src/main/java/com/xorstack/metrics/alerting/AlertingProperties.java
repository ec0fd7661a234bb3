package com.xorstack.metrics.alerting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code xorstack.alerting}: how often rules are evaluated and due
 * notifications sent, how long one evaluation of every rule may take before it is
 * cancelled and rolled back, and how one delivery is tried (attempts with exponential
 * backoff and jitter, a time limit per attempt), how long a claimed delivery stays with
 * its instance, how long a delivery that failed every attempt waits before the next try,
 * the sender address of alert emails, how many alert instances one rule may track at
 * once, and when a receiver's circuit breaker opens (after at least
 * {@code breakerMinimumCalls} calls, half of them failed) and how long it stays open; and
 * when a delivery is given up: after {@code giveUpAfterAttempts} failed runs (each of up
 * to {@code maxAttempts} calls) or once its notification is older than
 * {@code giveUpAfter}.
 */
@ConfigurationProperties("xorstack.alerting")
record AlertingProperties(@DefaultValue("PT30S") Duration evaluationInterval,
		@DefaultValue("PT5S") Duration deliveryInterval, @DefaultValue("PT2M") Duration evaluationTimeout,
		@DefaultValue("3") int maxAttempts, @DefaultValue("PT0.5S") Duration retryBackoff,
		@DefaultValue("PT10S") Duration timeout, @DefaultValue("PT1M") Duration redeliveryBackoff,
		@DefaultValue("PT2M") Duration lease, @DefaultValue("alerts@xorstack.local") String mailFrom,
		@DefaultValue("100") int maxInstancesPerRule, @DefaultValue("10") int breakerMinimumCalls,
		@DefaultValue("PT1M") Duration breakerOpenWait, @DefaultValue("8") int giveUpAfterAttempts,
		@DefaultValue("PT24H") Duration giveUpAfter) {
}
