package com.xorstack.devstack;

import org.jspecify.annotations.Nullable;

/** The five services of the suite: their module, usual port and database. */
public enum Service {

	AUTH("auth-service", 8084, "auth"),

	FEEDBACK("feedback-service", 8081, "feedback"),

	METRICS("metrics-service", 8082, "metrics"),

	AILOG("ailog-service", 8083, "ailog"),

	/** Started last: it routes to the others. */
	GATEWAY("gateway", 8080, null);

	private final String module;

	private final int defaultPort;

	private final @Nullable String database;

	Service(String module, int defaultPort, @Nullable String database) {
		this.module = module;
		this.defaultPort = defaultPort;
		this.database = database;
	}

	/** The Maven module, also the service's name in logs and traces. */
	public String module() {
		return this.module;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

	/** The {@link DevStack#DATABASES database} it owns, {@code null} for the gateway. */
	public @Nullable String database() {
		return this.database;
	}

	/** Such as {@code XORSTACK_GATEWAY_PORT}. */
	public String portVariable() {
		return "XORSTACK_" + name() + "_PORT";
	}

}
