package com.xorstack.metrics.uptime;

import org.jspecify.annotations.Nullable;

/**
 * One run's result: how long it took, and why it failed ({@code null} when up), at most
 * 200 characters.
 */
record Outcome(int responseMs, @Nullable String error) {

	static Outcome up(long nanos) {
		return new Outcome(millis(nanos), null);
	}

	static Outcome down(long nanos, String error) {
		return new Outcome(millis(nanos), (error.length() > 200) ? error.substring(0, 200) : error);
	}

	boolean isUp() {
		return this.error == null;
	}

	private static int millis(long nanos) {
		return (int) Math.min(Integer.MAX_VALUE, nanos / 1_000_000);
	}

}
