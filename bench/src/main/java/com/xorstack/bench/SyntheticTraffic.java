package com.xorstack.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.xorstack.metrics.rollup.Observation;
import com.xorstack.metrics.rollup.RollupLoader;

/**
 * Exactly {@code requests} API requests and {@code aiCalls} AI calls spread over the
 * minutes of {@code [from, to)} with a diurnal and weekly shape: 15 routes, 10 functions
 * on 5 models (one or two each) with 2 operations, a log-normal latency per series and an
 * error rate per series. Counts are split by cumulative rounding, so the totals are
 * exact. Seeded: the same arguments give the same events.
 */
final class SyntheticTraffic implements RollupLoader.Traffic {

	private static final String[] ROUTES = { "feedback", "feedback-mine", "feedback-triage", "me", "ai-log",
			"ai-log-search", "metrics-summary", "metrics-timeseries", "analytics", "slos", "usage-events",
			"system-metrics", "auth-session", "auth-refresh", "admin-users" };

	private static final String[] FUNCTIONS = { "summarize", "classify", "translate", "chat", "extract", "moderate",
			"embed-docs", "rerank", "suggest-reply", "triage" };

	private static final String[] MODELS = { "gpt-4o-mini", "gpt-4o", "claude-haiku", "llama-3-70b", "mistral-small" };

	/**
	 * Price per 1k tokens (in, out); the last model has no price: its calls are unpriced.
	 */
	private static final double[][] PRICES = { { 0.00015, 0.0006 }, { 0.0025, 0.01 }, { 0.0008, 0.004 },
			{ 0.0009, 0.0009 }, { -1, -1 } };

	private static final String[] OPERATIONS = { "completion", "embedding" };

	private final Instant from;

	private final long minutes;

	private final long[] requestsBefore;

	private final long[] aiBefore;

	private final List<String[]> aiSeries = new ArrayList<>();

	private final double[] aiWeights;

	private final double[] routeWeights = new double[ROUTES.length];

	SyntheticTraffic(Instant from, Instant to, long requests, long aiCalls) {
		this.from = from;
		this.minutes = Duration.between(from, to).toMinutes();
		double[] shape = new double[(int) this.minutes];
		for (int m = 0; m < shape.length; m++) {
			ZonedDateTime at = from.plus(Duration.ofMinutes(m)).atZone(ZoneOffset.UTC);
			double hour = at.getHour() + at.getMinute() / 60.0;
			double weekday = (at.getDayOfWeek().getValue() >= 6) ? 0.6 : 1.0;
			shape[m] = weekday * (1.0 + 0.8 * Math.sin(2 * Math.PI * (hour - 9) / 24));
		}
		this.requestsBefore = cumulative(shape, requests);
		this.aiBefore = cumulative(shape, aiCalls);
		for (int r = 0; r < ROUTES.length; r++) {
			this.routeWeights[r] = 1.0 / (r + 1);
		}
		List<Double> weights = new ArrayList<>();
		for (int f = 0; f < FUNCTIONS.length; f++) {
			int[] models = (f % 2 == 0) ? new int[] { f % MODELS.length, (f + 1) % MODELS.length }
					: new int[] { f % MODELS.length };
			for (int i = 0; i < models.length; i++) {
				for (int o = 0; o < OPERATIONS.length; o++) {
					this.aiSeries.add(
							new String[] { FUNCTIONS[f], MODELS[models[i]], OPERATIONS[o], String.valueOf(models[i]) });
					weights.add((1.0 / (f + 1)) * ((i == 0) ? 0.7 : 0.3) * ((o == 0) ? 0.85 : 0.15));
				}
			}
		}
		this.aiWeights = weights.stream().mapToDouble(Double::doubleValue).toArray();
	}

	int aiSeriesCount() {
		return this.aiSeries.size();
	}

	@Override
	public List<Observation> minute(Instant bucket) {
		int m = (int) Duration.between(this.from, bucket).toMinutes();
		SplittableRandom random = new SplittableRandom(m * 7919L + 17);
		List<Observation> events = new ArrayList<>();
		long[] perRoute = split(this.requestsBefore[m + 1] - this.requestsBefore[m], this.routeWeights);
		for (int r = 0; r < ROUTES.length; r++) {
			double median = 4 + 6 * r;
			for (long i = 0; i < perRoute[r]; i++) {
				events.add(new Observation(Observation.API, ROUTES[r], "", "", at(bucket, random),
						logNormal(random, median, 0.7), random.nextDouble() < 0.002 * (1 + r % 4), 0, 0, null, false));
			}
		}
		long[] perSeries = split(this.aiBefore[m + 1] - this.aiBefore[m], this.aiWeights);
		for (int s = 0; s < perSeries.length; s++) {
			String[] series = this.aiSeries.get(s);
			int model = Integer.parseInt(series[3]);
			boolean embedding = OPERATIONS[1].equals(series[2]);
			for (long i = 0; i < perSeries[s]; i++) {
				long input = embedding ? 200 + random.nextInt(800) : 300 + random.nextInt(1500);
				long output = embedding ? 0 : 50 + random.nextInt(600);
				double median = embedding ? 60 + 20 * model : 400 + 350 * model;
				boolean priced = PRICES[model][0] >= 0;
				BigDecimal cost = priced
						? BigDecimal.valueOf((input * PRICES[model][0] + output * PRICES[model][1]) / 1000.0) : null;
				events.add(new Observation(Observation.AI, series[0], series[1], series[2], at(bucket, random),
						logNormal(random, median, 0.5), random.nextDouble() < 0.01 + 0.005 * model, input, output, cost,
						!priced));
			}
		}
		return events;
	}

	private static Instant at(Instant bucket, SplittableRandom random) {
		return bucket.plusMillis(random.nextInt(60_000));
	}

	private static double logNormal(SplittableRandom random, double median, double sigma) {
		double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
				* Math.cos(2 * Math.PI * random.nextDouble());
		return median * Math.exp(sigma * gaussian);
	}

	/**
	 * {@code before[i]}: events in the minutes before minute i; the last is the total.
	 */
	private static long[] cumulative(double[] weights, long total) {
		double sum = 0;
		for (double weight : weights) {
			sum += weight;
		}
		long[] before = new long[weights.length + 1];
		double running = 0;
		for (int i = 0; i < weights.length; i++) {
			running += weights[i];
			before[i + 1] = (i == weights.length - 1) ? total : Math.round(total * running / sum);
		}
		return before;
	}

	private static long[] split(long total, double[] weights) {
		long[] before = cumulative(weights, total);
		long[] counts = new long[weights.length];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = before[i + 1] - before[i];
		}
		return counts;
	}

}
