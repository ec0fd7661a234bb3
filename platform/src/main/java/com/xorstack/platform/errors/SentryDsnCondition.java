package com.xorstack.platform.errors;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code sentry.dsn} ({@code SENTRY_DSN}) is set and not blank. */
final class SentryDsnCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String dsn = context.getEnvironment().getProperty("sentry.dsn");
		return (dsn != null && !dsn.isBlank()) ? ConditionOutcome.match("sentry.dsn is set")
				: ConditionOutcome.noMatch("no sentry.dsn");
	}

}
