package com.xorstack.platform.events;

/**
 * A record that can never be processed, however often it is retried: it goes straight to
 * the dead-letter topic with this message as the reason.
 */
public class InvalidEventException extends RuntimeException {

	public InvalidEventException(String message) {
		super(message);
	}

	public InvalidEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
