package com.xorstack.platform.events;

/**
 * Logical CloudEvents types; each has a JSON Schema under {@code schemas/} named after
 * it.
 */
public final class EventTypes {

	public static final String FEEDBACK_SUBMITTED = "com.xorstack.feedback.submitted.v1";

	public static final String FEEDBACK_TRIAGED = "com.xorstack.feedback.triaged.v1";

	/**
	 * Something worth an audit trail happened (on {@code audit.events.v1}); auth-service
	 * keeps it in the audit log.
	 */
	public static final String AUDIT_RECORDED = "com.xorstack.audit.recorded.v1";

	/**
	 * The newest entry of auth-service's audit chain, signed with the chain key (on
	 * {@code audit.chain-head.v1}, compacted, key: the chain's name); verify compares the
	 * database with it to find the newest entries cut off.
	 */
	public static final String AUDIT_CHAIN_HEAD = "com.xorstack.audit.chain-head.v1";

	/** An admin granted a realm role to a user (on {@code auth.role-events.v1}). */
	public static final String ROLE_GRANTED = "com.xorstack.auth.role-granted.v1";

	/** An admin revoked a realm role from a user (on {@code auth.role-events.v1}). */
	public static final String ROLE_REVOKED = "com.xorstack.auth.role-revoked.v1";

	/**
	 * The gateway answered a request (on {@code gateway.request.v1}, keyed by route);
	 * metrics-service derives API latency, error rates and sessions from it.
	 */
	public static final String GATEWAY_REQUEST_COMPLETED = "com.xorstack.gateway.request-completed.v1";

	/**
	 * One AI call as an edge function reports it (on {@code ailog.ingest.v1}, key: the
	 * call id); ailog-service validates, redacts and stores it.
	 */
	public static final String AILOG_CALL = "com.xorstack.ailog.call.v1";

	/**
	 * ailog-service stored an AI call (on {@code ailog.recorded.v1}, key: functionName);
	 * metrics-service rolls it up. Carries the computed cost, never the output preview.
	 */
	public static final String AILOG_RECORDED = "com.xorstack.ailog.recorded.v1";

	/**
	 * Something a person did in the app (on {@code usage.events.v1}, key: sessionId or
	 * userId): a session started or ended, a task completed, an export completed, ...;
	 * metrics-service derives DAU, sessions and usage analytics from it.
	 */
	public static final String USAGE_EVENT = "com.xorstack.usage.event.v1";

	/**
	 * One reading of a system gauge (on {@code system.metrics.v1}, key: the gauge name),
	 * such as storage bytes by kind or database query time.
	 */
	public static final String SYSTEM_GAUGE = "com.xorstack.system.gauge.v1";

	/**
	 * A service answered a request with an error of its own, a 5xx (on
	 * {@code system.metrics.v1}, key: the service); metrics-service counts them for the
	 * console's Errors view. The exception's class, never its message.
	 */
	public static final String SYSTEM_ERROR = "com.xorstack.system.error.v1";

	/**
	 * An alert rule changed state to firing or resolved (on {@code alerts.events.v1},
	 * key: ruleId); metrics-service publishes it with the history row of the change.
	 */
	public static final String ALERT_STATE_CHANGED = "com.xorstack.alerts.state-changed.v1";

	private EventTypes() {
	}

	/** Where the JSON Schema of a type lives on the classpath. */
	public static String schemaLocation(String type) {
		return "schemas/" + type.substring("com.xorstack.".length()) + ".json";
	}

}
