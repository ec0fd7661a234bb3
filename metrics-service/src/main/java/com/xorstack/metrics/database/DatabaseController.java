package com.xorstack.metrics.database;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.dashboard.DashboardWindow;
import com.xorstack.metrics.database.DatabaseFigures.Order;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * {@code GET /api/admin/metrics/database}: per service (all, or {@code service}) over
 * {@code window} (default 1h, at most 30d) the {@code limit} (1 to 50, default 10)
 * slowest statements by p95 and by total time, and each connection pool.
 */
@RestController
class DatabaseController {

	/** A service name as {@code spring.application.name} spells one. */
	private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

	private final DatabaseFigures figures;

	private final Clock clock;

	DatabaseController(DatabaseFigures figures, Clock clock) {
		this.figures = figures;
		this.clock = clock;
	}

	@GetMapping("/api/admin/metrics/database")
	Mono<DatabaseReport> database(@RequestParam(required = false) @Nullable String service,
			@RequestParam(defaultValue = "1h") String window, @RequestParam(defaultValue = "10") int limit) {
		DashboardWindow parsed = DashboardWindow.parse(window);
		if (service != null && !SERVICE.matcher(service).matches()) {
			throw new InvalidParameterException("service",
					"must be a service name of lower case letters, digits and dashes, such as feedback-service");
		}
		if (limit < 1 || limit > 50) {
			throw new InvalidParameterException("limit", "must be between 1 and 50");
		}
		Map<String, String> labels = (service != null) ? Map.of("service", service) : Map.of();
		Instant to = this.clock.instant();
		Instant from = to.minus(parsed.duration());
		return Mono
			.zip(this.figures.statements(labels, from, to, Order.P95, limit).collectList(),
					this.figures.statements(labels, from, to, Order.TOTAL, limit).collectList(),
					this.figures.pools(labels, from, to).collectList())
			.map((all) -> new DatabaseReport(window, service, all.getT1(), all.getT2(), all.getT3()));
	}

	/** The answer: statements ranked twice, and the pools. */
	record DatabaseReport(String window, @Nullable String service, List<StatementFigures> slowestByP95,
			List<StatementFigures> slowestByTotal, List<PoolFigures> pools) {
	}

}
