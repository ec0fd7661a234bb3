package com.xorstack.ailog.ingest;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating one event: the call, or what is wrong with it.
 */
public record Validated(@Nullable AiLogCall call, List<FieldProblem> problems) {

	static Validated valid(AiLogCall call) {
		return new Validated(call, List.of());
	}

	static Validated invalid(List<FieldProblem> problems) {
		return new Validated(null, List.copyOf(problems));
	}

	public boolean isValid() {
		return this.call != null;
	}

	/** The problems as one line, for a dead-letter header or a log. */
	public String reason() {
		return String.join("; ", this.problems.stream().map((p) -> p.field() + " " + p.message()).toList());
	}

}
