package com.xorstack.ailog.query;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * What stats are grouped by: the function, or the model that answered (the requested one
 * when the answer did not say).
 */
enum StatsGroup {

	FUNCTION("function_name", "functionName"), MODEL("coalesce(response_model, request_model)", "model");

	private final String expression;

	private final String field;

	StatsGroup(String expression, String field) {
		this.expression = expression;
		this.field = field;
	}

	String expression() {
		return this.expression;
	}

	String field() {
		return this.field;
	}

	static StatsGroup of(String by) {
		return switch (by) {
			case "function" -> FUNCTION;
			case "model" -> MODEL;
			default -> throw new InvalidParameterException("by", "must be function or model");
		};
	}

}
