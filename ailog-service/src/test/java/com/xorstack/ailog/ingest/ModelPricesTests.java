package com.xorstack.ailog.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory price table follows the rules the SQL lookup had: exact name or prefix of
 * a dated name, longest match first, the row in force at the call's time.
 */
class ModelPricesTests {

	private static final Instant JAN = Instant.parse("2024-01-01T00:00:00Z");

	private static final Instant JUL = Instant.parse("2025-07-01T00:00:00Z");

	private final ModelPrices prices = new ModelPrices(List.of(price("gpt-4o", JAN, "2.50", "10.00", "1.25"),
			price("gpt-4o-mini", JAN, "0.15", "0.60", "0.075"), price("gpt-4o", JUL, "2.00", "8.00", null),
			price("text-embedding-3-small", JAN, "0.02", "0.00", null)));

	@Test
	void aDatedNameTakesThePriceOfItsLongestPrefix() {
		assertThat(cost("gpt-4o-mini-2024-07-18", null, Instant.parse("2025-01-01T00:00:00Z"), 1000, 0, 200))
			.isEqualByComparingTo("0.000270");
		assertThat(cost("gpt-4o-2024-08-06", null, Instant.parse("2025-01-01T00:00:00Z"), 1000, 0, 200))
			.isEqualByComparingTo("0.0045");
	}

	@Test
	void theRowInForceAtTheCallsTimeApplies() {
		// after July 2025 gpt-4o costs 2.00 / 8.00, and without a cache price cached
		// input
		// costs as input
		assertThat(cost("gpt-4o", null, Instant.parse("2025-08-01T00:00:00Z"), 1000, 400, 100))
			.isEqualByComparingTo("0.0028");
		assertThat(cost("gpt-4o", null, Instant.parse("2025-06-30T23:59:59Z"), 1000, 400, 100))
			.isEqualByComparingTo("0.0030");
	}

	@Test
	void theResponseModelWinsOverTheRequestModel() {
		assertThat(cost("gpt-4o-mini", "gpt-4o-2024-05-13", Instant.parse("2025-01-01T00:00:00Z"), 1000, 0, 0))
			.isEqualByComparingTo("0.0025");
	}

	@Test
	void unknownModelsCallsBeforeAnyPriceAndCallsWithoutTokensAreUnpriced() {
		assertThat(costOf("acme-1", null, JUL, 10, 0, 10)).isEqualTo(ModelPrices.Cost.UNPRICED);
		assertThat(costOf("gpt-4omni", null, JUL, 10, 0, 10)).as("a prefix only up to a dash")
			.isEqualTo(ModelPrices.Cost.UNPRICED);
		assertThat(costOf("gpt-4o", null, Instant.parse("2023-12-31T23:59:59Z"), 10, 0, 10))
			.isEqualTo(ModelPrices.Cost.UNPRICED);
		assertThat(costOf("gpt-4o", null, JUL, null, null, null)).isEqualTo(ModelPrices.Cost.UNPRICED);
		assertThat(costOf(null, null, JUL, 10, 0, 10)).isEqualTo(ModelPrices.Cost.UNPRICED);
	}

	@Test
	void aFreeModelIsPricedAtZeroNotUnpriced() {
		ModelPrices.Cost cost = costOf("text-embedding-3-small", null, JUL, null, null, 0);
		assertThat(cost.priced()).isTrue();
		assertThat(cost.usd()).isEqualByComparingTo("0");
	}

	private @Nullable BigDecimal cost(String requestModel, @Nullable String responseModel, Instant at, int input,
			int cached, int output) {
		ModelPrices.Cost cost = costOf(requestModel, responseModel, at, input, cached, output);
		assertThat(cost.priced()).isTrue();
		return cost.usd();
	}

	private ModelPrices.Cost costOf(@Nullable String requestModel, @Nullable String responseModel, Instant at,
			@Nullable Integer input, @Nullable Integer cached, @Nullable Integer output) {
		return this.prices
			.costOf(new AiLogCall(UUID.randomUUID(), at, "f", "chat", "openai", requestModel, responseModel, null, null,
					1.0, null, input, output, cached, "success", null, null, null, null, null, null, null, Map.of()));
	}

	private static ModelPrices.Price price(String model, Instant from, String input, String output,
			@Nullable String cached) {
		return new ModelPrices.Price(model, from, new BigDecimal(input), new BigDecimal(output),
				(cached != null) ? new BigDecimal(cached) : null);
	}

}
