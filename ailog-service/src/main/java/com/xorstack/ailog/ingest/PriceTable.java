package com.xorstack.ailog.ingest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * {@code model_prices} cached in memory for the ingest, which prices every call: read on
 * first use and again on the first use after {@code priceRefresh} (a price added by a
 * migration or by hand applies within that time). A failed read keeps the last table and
 * tries again on the next use; without any table the ingest fails and is retried.
 */
@Component
class PriceTable {

	private final DatabaseClient db;

	private final Duration refresh;

	private final Clock clock;

	private volatile Loaded loaded = new Loaded(null, Instant.MIN);

	PriceTable(DatabaseClient db, IngestProperties properties) {
		this.db = db;
		this.refresh = properties.priceRefresh();
		this.clock = Clock.systemUTC();
	}

	Mono<ModelPrices> current() {
		Loaded current = this.loaded;
		if (current.prices() != null && current.at().plus(this.refresh).isAfter(this.clock.instant())) {
			return Mono.just(current.prices());
		}
		Mono<ModelPrices> read = read().doOnNext((prices) -> this.loaded = new Loaded(prices, this.clock.instant()));
		return (current.prices() != null) ? read.onErrorReturn(current.prices()) : read;
	}

	private Mono<ModelPrices> read() {
		return this.db
			.sql("select model, valid_from, input_per_mtok, output_per_mtok, cache_read_per_mtok from model_prices")
			.map((row) -> new ModelPrices.Price(row.get("model", String.class),
					row.get("valid_from", OffsetDateTime.class).toInstant(),
					row.get("input_per_mtok", BigDecimal.class), row.get("output_per_mtok", BigDecimal.class),
					row.get("cache_read_per_mtok", BigDecimal.class)))
			.all()
			.collectList()
			.map(ModelPrices::new);
	}

	private record Loaded(@Nullable ModelPrices prices, Instant at) {
	}

}
