package com.xorstack.ailog.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The versioned price table in memory, with the rules the table documents: a model name
 * matches exactly or as the prefix of a dated name ({@code gpt-4o} matches
 * {@code gpt-4o-2024-08-06}), the longest match wins, and of its rows the latest whose
 * {@code valid_from} is not after the call. Cost is rounded as {@code ai_logs.cost_usd}
 * stores it, to 10 decimal places.
 */
final class ModelPrices {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	private static final int COST_SCALE = 10;

	/** Longest model first, then the latest valid_from: the first match is the one. */
	private final List<Price> prices;

	ModelPrices(List<Price> prices) {
		this.prices = prices.stream()
			.sorted(Comparator.comparingInt((Price price) -> price.model().length())
				.reversed()
				.thenComparing(Price::validFrom, Comparator.reverseOrder()))
			.toList();
	}

	/** What the call cost; unpriced without a price for its model or any token count. */
	Cost costOf(AiLogCall call) {
		String model = (call.responseModel() != null) ? call.responseModel() : call.requestModel();
		if (model == null || (call.inputTokens() == null && call.outputTokens() == null)) {
			return Cost.UNPRICED;
		}
		Price price = priceOf(model, call.occurredAt());
		if (price == null) {
			return Cost.UNPRICED;
		}
		long input = (call.inputTokens() != null) ? call.inputTokens() : 0;
		long cached = (call.cacheReadInputTokens() != null) ? call.cacheReadInputTokens() : 0;
		long output = (call.outputTokens() != null) ? call.outputTokens() : 0;
		BigDecimal cacheRate = (price.cacheReadPerMtok() != null) ? price.cacheReadPerMtok() : price.inputPerMtok();
		BigDecimal perMillion = BigDecimal.valueOf(Math.max(input - cached, 0))
			.multiply(price.inputPerMtok())
			.add(BigDecimal.valueOf(Math.min(cached, input)).multiply(cacheRate))
			.add(BigDecimal.valueOf(output).multiply(price.outputPerMtok()));
		return new Cost(perMillion.divide(MILLION, COST_SCALE, RoundingMode.HALF_UP), true);
	}

	private @Nullable Price priceOf(String model, Instant at) {
		for (Price price : this.prices) {
			if (matches(price.model(), model) && !price.validFrom().isAfter(at)) {
				return price;
			}
		}
		return null;
	}

	private static boolean matches(String priced, String model) {
		return model.startsWith(priced) && (model.length() == priced.length() || model.charAt(priced.length()) == '-');
	}

	/** One row of {@code model_prices}, in US dollars per million tokens. */
	record Price(String model, Instant validFrom, BigDecimal inputPerMtok, BigDecimal outputPerMtok,
			@Nullable BigDecimal cacheReadPerMtok) {
	}

	/** A call's cost: {@code null} and not priced when no price applies. */
	record Cost(@Nullable BigDecimal usd, boolean priced) {

		static final Cost UNPRICED = new Cost(null, false);

	}

}
