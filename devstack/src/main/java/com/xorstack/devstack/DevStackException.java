package com.xorstack.devstack;

/**
 * A part of the stack could not start. The message is one line that says what to do about
 * it, so that {@code ./xorstack up} can print it without a stack trace.
 */
public class DevStackException extends RuntimeException {

	DevStackException(String message) {
		super(message);
	}

	DevStackException(String message, Throwable cause) {
		super(message, cause);
	}

}
