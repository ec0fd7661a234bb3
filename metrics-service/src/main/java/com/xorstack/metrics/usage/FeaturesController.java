package com.xorstack.metrics.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * Feature adoption: for each feature named by usage events, the share of the range's
 * active users who used it, and its series per day or ISO week ({@code step}).
 */
@RestController
@RequestMapping("/api/admin/analytics")
class FeaturesController {

	private final FeatureRepository features;

	private final Clock clock;

	FeaturesController(FeatureRepository features, Clock clock) {
		this.features = features;
		this.clock = clock;
	}

	@GetMapping("/features")
	Mono<Map<String, Object>> features(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "day") String step) {
		if (!"day".equals(step) && !"week".equals(step)) {
			throw new InvalidParameterException("step", "must be day or week");
		}
		DateRange asked = DateRange.parse(from, to, this.clock);
		DateRange range = "week".equals(step) ? asked.wholeWeeks() : asked;
		return Mono
			.zip(this.features.usersPerFeature(range), this.features.activeUsers(range),
					this.features.usersPerBucket(step, range), this.features.activeUsersPerBucket(step, range))
			.map((all) -> {
				Map<String, Map<LocalDate, Long>> perBucket = new HashMap<>();
				all.getT3()
					.forEach((count) -> perBucket.computeIfAbsent(count.feature(), (feature) -> new HashMap<>())
						.put(count.bucket(), count.users()));
				List<LocalDate> buckets = new ArrayList<>();
				for (LocalDate bucket = range.from(); !bucket.isAfter(range.to()); bucket = bucket
					.plusDays("week".equals(step) ? 7 : 1)) {
					buckets.add(bucket);
				}
				List<Map<String, Object>> items = new ArrayList<>();
				for (Map.Entry<String, Long> feature : all.getT1()) {
					Map<LocalDate, Long> users = perBucket.getOrDefault(feature.getKey(), Map.of());
					List<Map<String, Object>> series = new ArrayList<>();
					for (LocalDate bucket : buckets) {
						long used = users.getOrDefault(bucket, 0L);
						long active = all.getT4().getOrDefault(bucket, 0L);
						series.add(Map.of("start", bucket.toString(), "users", used, "activeUsers", active, "share",
								EngagementController.ratio(used, active)));
					}
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("feature", feature.getKey());
					item.put("users", feature.getValue());
					item.put("share", EngagementController.ratio(feature.getValue(), all.getT2()));
					item.put("series", series);
					items.add(item);
				}
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("from", range.from().toString());
				body.put("to", range.to().toString());
				body.put("step", step);
				body.put("activeUsers", all.getT2());
				body.put("items", items);
				return body;
			});
	}

}
