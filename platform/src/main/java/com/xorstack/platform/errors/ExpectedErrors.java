package com.xorstack.platform.errors;

/**
 * Errors a service answers on purpose with a 5xx and must not report: the gateway's
 * upstream failures (a service down, a timeout, an open circuit), which its own problem
 * handler answers and its request events already count per route. Reporting each of them
 * during an outage would bury the one new error.
 */
@FunctionalInterface
public interface ExpectedErrors {

	boolean isExpected(Throwable ex);

	static ExpectedErrors none() {
		return (ex) -> false;
	}

}
