package com.xorstack.metrics.slo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.dashboard.DashboardWindow;
import com.xorstack.metrics.rollup.RollupReader;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * {@code GET /api/admin/slos?window=1h}: targets with their current value and status;
 * {@code PUT /api/admin/slos} with {@code {"items": [{"metric", "target"}]}} changes
 * targets (every item is checked before any is changed) and answers the table.
 */
@RestController
@RequestMapping("/api/admin/slos")
class SloController {

	private final SloRepository targets;

	private final SloEvaluator evaluator;

	private final RollupReader rollups;

	private final Clock clock;

	SloController(SloRepository targets, SloEvaluator evaluator, RollupReader rollups, Clock clock) {
		this.targets = targets;
		this.evaluator = evaluator;
		this.rollups = rollups;
		this.clock = clock;
	}

	@GetMapping
	Mono<Map<String, Object>> slos(@RequestParam(defaultValue = "1h") String window) {
		DashboardWindow parsed = DashboardWindow.parse(window);
		Instant now = this.clock.instant();
		return this.rollups.figures(now.minus(parsed.duration()), now)
			.flatMap(this.evaluator::evaluate)
			.map((items) -> Map.of("window", parsed.text(), "items", items));
	}

	@PutMapping
	Mono<Map<String, Object>> change(@Valid @RequestBody Changes changes, @AuthenticationPrincipal Jwt admin,
			@RequestParam(defaultValue = "1h") String window) {
		for (int i = 0; i < changes.items().size(); i++) {
			if (!SloEvaluator.MEASURES.containsKey(changes.items().get(i).metric())) {
				throw new InvalidParameterException("items[" + i + "].metric",
						"must be one of " + SloEvaluator.MEASURES.keySet().stream().sorted().toList());
			}
		}
		String by = (admin.getClaimAsString("preferred_username") != null)
				? admin.getClaimAsString("preferred_username") : admin.getSubject();
		return Flux.fromIterable(changes.items())
			.concatMap((change) -> this.targets.update(change.metric(), change.target(), by))
			.then(slos(window));
	}

	record Changes(@NotEmpty @Size(max = 20) List<@Valid @NotNull Change> items) {
	}

	record Change(@NotNull String metric, @NotNull @Positive Double target) {
	}

}
