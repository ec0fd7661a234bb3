package com.xorstack.ailog.query;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * The filters of the admin lists: {@code model} matches the requested or the answering
 * model, {@code from} is inclusive and {@code to} exclusive.
 */
record AiLogFilter(@Nullable String functionName, @Nullable String model, @Nullable String status,
		@Nullable String userId, @Nullable Instant from, @Nullable Instant to) {

	AiLogFilter {
		if (status != null && !status.equals("success") && !status.equals("error")) {
			throw new InvalidParameterException("status", "must be success or error");
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw new InvalidParameterException("from", "must be before to");
		}
	}

	static AiLogFilter between(@Nullable Instant from, @Nullable Instant to) {
		return new AiLogFilter(null, null, null, null, from, to);
	}

	/** The conditions, each starting with {@code and}. */
	String where() {
		StringBuilder where = new StringBuilder();
		if (this.functionName != null) {
			where.append(" and function_name = :functionName");
		}
		if (this.model != null) {
			where.append(" and (request_model = :model or response_model = :model)");
		}
		if (this.status != null) {
			where.append(" and status = :status");
		}
		if (this.userId != null) {
			where.append(" and user_id = :userId");
		}
		if (this.from != null) {
			where.append(" and occurred_at >= :from");
		}
		if (this.to != null) {
			where.append(" and occurred_at < :to");
		}
		return where.toString();
	}

	GenericExecuteSpec bind(GenericExecuteSpec spec) {
		GenericExecuteSpec bound = spec;
		bound = (this.functionName != null) ? bound.bind("functionName", this.functionName) : bound;
		bound = (this.model != null) ? bound.bind("model", this.model) : bound;
		bound = (this.status != null) ? bound.bind("status", this.status) : bound;
		bound = (this.userId != null) ? bound.bind("userId", this.userId) : bound;
		bound = (this.from != null) ? bound.bind("from", this.from) : bound;
		bound = (this.to != null) ? bound.bind("to", this.to) : bound;
		return bound;
	}

}
