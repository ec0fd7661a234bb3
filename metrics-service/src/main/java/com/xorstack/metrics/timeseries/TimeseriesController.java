package com.xorstack.metrics.timeseries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.gauge.GaugeRepository;
import com.xorstack.metrics.rollup.Labels;
import com.xorstack.metrics.rollup.RollupReader;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * The metrics over time. {@code /timeseries}: {@code metric} (see {@link SeriesMetric},
 * or {@code gauge:<name>}), {@code from} and {@code to} (ISO instants, default the last
 * hour), {@code step} (1m, 1h, 1d), {@code label=key:value} filters (repeatable); every
 * step from {@code from} (floored to the step) to {@code to} gets a point.
 * {@code /gauges}: the latest reading of each label set of a gauge, such as the storage
 * of every table of every service.
 */
@RestController
class TimeseriesController {

	static final int MAX_POINTS = 1500;

	static final int MAX_GAUGE_READINGS = 1000;

	private static final Map<String, Duration> STEPS = Map.of("1m", Duration.ofMinutes(1), "1h", Duration.ofHours(1),
			"1d", Duration.ofDays(1));

	private final RollupReader rollups;

	private final GaugeRepository gauges;

	private final Clock clock;

	TimeseriesController(RollupReader rollups, GaugeRepository gauges, Clock clock) {
		this.rollups = rollups;
		this.gauges = gauges;
		this.clock = clock;
	}

	@GetMapping("/api/admin/metrics/timeseries")
	Mono<Map<String, Object>> series(@RequestParam(required = false) @Nullable String metric,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "1m") String step,
			@RequestParam(name = "label", required = false) @Nullable List<String> label) {
		if (metric == null || metric.isBlank()) {
			throw new InvalidParameterException("metric", "is required");
		}
		Duration width = STEPS.get(step);
		if (width == null) {
			throw new InvalidParameterException("step", "must be 1m, 1h or 1d");
		}
		Instant end = (to != null) ? instant("to", to) : this.clock.instant();
		Instant start = floor((from != null) ? instant("from", from) : end.minus(Duration.ofHours(1)), width);
		if (!start.isBefore(end)) {
			throw new InvalidParameterException("from", "must be before to");
		}
		if (Duration.between(start, end).dividedBy(width) >= MAX_POINTS) {
			throw new InvalidParameterException("step", "gives more than " + MAX_POINTS + " points; take a wider step");
		}
		Map<String, String> labels = labels(label);
		if (metric.startsWith(SeriesMetric.GAUGE_PREFIX)) {
			return gauge(metric, labels, start, end, width, step);
		}
		SeriesMetric known = SeriesMetric.of(metric);
		if (known == null) {
			throw new InvalidParameterException("metric",
					"must be one of " + SeriesMetric.names() + " or gauge:<name>");
		}
		for (String key : labels.keySet()) {
			if (!known.labels().contains(key)) {
				throw new InvalidParameterException("label", "of " + metric + " may only be " + known.labels());
			}
		}
		if (width.equals(Duration.ofMinutes(1)) && start.isBefore(this.rollups.minuteHorizon())) {
			throw new InvalidParameterException("from", "is older than the minute rollups are kept; take step 1h");
		}
		Labels filter = new Labels(labels.get("route") != null ? labels.get("route") : labels.get("function"),
				labels.get("model"), labels.get("operation"));
		return this.rollups.series(known.kind(), filter, start, end, width, known.quantile()).map((series) -> {
			List<Map<String, Object>> points = new ArrayList<>();
			for (Instant t = start; t.isBefore(end); t = t.plus(width)) {
				Map<String, Object> point = new LinkedHashMap<>();
				point.put("t", t.toString());
				point.put("value", known.value(series.get(t)));
				points.add(point);
			}
			return body(metric, step, start, end, labels, points);
		});
	}

	/**
	 * {@code name} of the gauge, {@code label=key:value} filters, {@code from} (default a
	 * day ago): readings older than that are not looked at, so a label set that stopped
	 * reporting drops out. At most {@value #MAX_GAUGE_READINGS} label sets;
	 * {@code truncated} says when there were more.
	 */
	@GetMapping("/api/admin/metrics/gauges")
	Mono<Map<String, Object>> latestGauges(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String from,
			@RequestParam(name = "label", required = false) @Nullable List<String> label) {
		if (name == null || name.isBlank()) {
			throw new InvalidParameterException("name", "is required, such as storage.bytes");
		}
		Instant start = (from != null) ? instant("from", from) : this.clock.instant().minus(Duration.ofDays(1));
		Map<String, String> labels = labels(label);
		return this.gauges.latest(name, labels, start, MAX_GAUGE_READINGS + 1).collectList().map((readings) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("name", name);
			body.put("from", start.toString());
			body.put("labels", labels);
			body.put("items", readings.subList(0, Math.min(readings.size(), MAX_GAUGE_READINGS)));
			body.put("truncated", readings.size() > MAX_GAUGE_READINGS);
			return body;
		});
	}

	private Mono<Map<String, Object>> gauge(String metric, Map<String, String> labels, Instant start, Instant end,
			Duration width, String step) {
		String name = metric.substring(SeriesMetric.GAUGE_PREFIX.length());
		return this.gauges.series(name, labels, start, end, width)
			.collectMap(GaugeRepository.GaugePoint::at)
			.map((byStep) -> {
				List<Map<String, Object>> points = new ArrayList<>();
				for (Instant t = start; t.isBefore(end); t = t.plus(width)) {
					GaugeRepository.GaugePoint reading = byStep.get(t);
					Map<String, Object> point = new LinkedHashMap<>();
					point.put("t", t.toString());
					point.put("value", (reading != null) ? reading.avg() : null);
					point.put("min", (reading != null) ? reading.min() : null);
					point.put("max", (reading != null) ? reading.max() : null);
					point.put("count", (reading != null) ? reading.count() : 0);
					points.add(point);
				}
				return body(metric, step, start, end, labels, points);
			});
	}

	private static Map<String, Object> body(String metric, String step, Instant start, Instant end,
			Map<String, String> labels, List<Map<String, Object>> points) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("metric", metric);
		body.put("step", step);
		body.put("from", start.toString());
		body.put("to", end.toString());
		body.put("labels", labels);
		body.put("points", points);
		return body;
	}

	private static Map<String, String> labels(@Nullable List<String> filters) {
		Map<String, String> labels = new TreeMap<>();
		if (filters == null) {
			return labels;
		}
		for (String filter : filters) {
			int colon = filter.indexOf(':');
			if (colon <= 0 || colon == filter.length() - 1) {
				throw new InvalidParameterException("label", "must be key:value, such as function:summarize");
			}
			labels.put(filter.substring(0, colon), filter.substring(colon + 1));
		}
		return labels;
	}

	private static Instant instant(String field, String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException(field, "must be an ISO instant such as 2026-11-25T10:00:00Z");
		}
	}

	private static Instant floor(Instant at, Duration width) {
		long seconds = width.toSeconds();
		return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
	}

}
