package com.xorstack.metrics.rollup;

import org.jspecify.annotations.Nullable;

/**
 * Label filters on a rollup read: {@code name} is the route (api) or function (ai).
 * Without any filter the read takes the rows that hold every event of the kind.
 */
public record Labels(@Nullable String name, @Nullable String model, @Nullable String operation) {

	public static final Labels NONE = new Labels(null, null, null);

	boolean none() {
		return this.name == null && this.model == null && this.operation == null;
	}

}
