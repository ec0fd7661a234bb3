package com.xorstack.platform.events;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The Kafka users of the suite: one per service and one for edge functions, each with a
 * password of its own (SCRAM-SHA-512). {@link TopicAccess} says what each may do.
 */
public final class KafkaPrincipals {

	public static final String FEEDBACK = "feedback-service";

	public static final String METRICS = "metrics-service";

	public static final String AILOG = "ailog-service";

	public static final String AUTH = "auth-service";

	public static final String GATEWAY = "gateway";

	/** Edge functions and backends that send AI calls, usage events and gauges. */
	public static final String EDGE = "edge-functions";

	public static final List<String> ALL = List.of(FEEDBACK, METRICS, AILOG, AUTH, GATEWAY, EDGE);

	/** The {@code ce_source} each service puts on its events. */
	private static final Map<String, String> SOURCES = Map.of(FEEDBACK, "/feedback-service", METRICS,
			"/metrics-service", AILOG, "/ailog-service", AUTH, "/auth-service", GATEWAY, "/xorstack/gateway");

	/** Consumer groups of each consuming service start with this. */
	private static final Map<String, String> GROUP_PREFIXES = Map.of(METRICS, "metrics-", AILOG, "ailog-", AUTH,
			"auth-");

	private KafkaPrincipals() {
	}

	/**
	 * @param principal a service's principal, not {@link #EDGE}, whose sources are free
	 */
	public static String source(String principal) {
		String source = SOURCES.get(principal);
		if (source == null) {
			throw new IllegalArgumentException("No fixed ce_source for " + principal);
		}
		return source;
	}

	/**
	 * The prefix of the consumer groups {@code principal} may use, or {@code null} if it
	 * consumes nothing.
	 */
	public static @Nullable String groupPrefix(String principal) {
		return GROUP_PREFIXES.get(principal);
	}

}
