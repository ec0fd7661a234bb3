package com.xorstack.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Text that PostgreSQL cannot store: answered as a 400 naming the field, with
 * {@link #MESSAGE}.
 */
public class UnstorableTextException extends MismatchedInputException {

	public static final String MESSAGE = "must not contain NUL characters";

	UnstorableTextException(JsonParser parser) {
		super(parser, MESSAGE, String.class);
	}

}
