package com.xorstack.platform.errors;

/**
 * Where an unhandled error is reported. A sink must not block or throw: it is called on
 * the request's event loop after the answer.
 */
@FunctionalInterface
public interface ErrorSink {

	void report(UnhandledError error);

}
