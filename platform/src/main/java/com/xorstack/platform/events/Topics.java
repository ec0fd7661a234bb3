package com.xorstack.platform.events;

/**
 * Kafka topics of DESIGN.md §4. A record that cannot be parsed or validated goes to the
 * topic's {@link #deadLetter dead-letter topic}.
 */
public final class Topics {

	public static final String FEEDBACK_EVENTS = "feedback.events.v1";

	public static final String AUDIT_EVENTS = "audit.events.v1";

	/**
	 * The audit chain's signed head, published by auth-service and read back by its
	 * verify (compacted, key: the chain's name).
	 */
	public static final String AUDIT_CHAIN_HEAD = "audit.chain-head.v1";

	public static final String AILOG_INGEST = "ailog.ingest.v1";

	public static final String AILOG_RECORDED = "ailog.recorded.v1";

	public static final String GATEWAY_REQUEST = "gateway.request.v1";

	public static final String USAGE_EVENTS = "usage.events.v1";

	public static final String SYSTEM_METRICS = "system.metrics.v1";

	public static final String ALERTS_EVENTS = "alerts.events.v1";

	public static final String AUTH_ROLE_EVENTS = "auth.role-events.v1";

	private Topics() {
	}

	public static String deadLetter(String topic) {
		return topic + ".dlt";
	}

}
