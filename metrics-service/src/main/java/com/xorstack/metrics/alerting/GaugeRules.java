package com.xorstack.metrics.alerting;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * Rules over a system gauge ({@code metric} {@code gauge:<name>}): any label of the
 * readings may filter or group, as the gauge schema allows them.
 */
final class GaugeRules {

	static final String PREFIX = "gauge:";

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,127}");

	private static final Pattern LABEL = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.]{0,63}");

	/** A reading carries at most 16 labels, values of at most 200 characters. */
	private static final int MAX_LABELS = 16;

	private static final int MAX_VALUE = 200;

	/**
	 * Labels every alert instance carries already, which a gauge label would overwrite.
	 */
	private static final Set<String> RESERVED = Set.of("severity", "metric");

	private GaugeRules() {
	}

	static boolean isGauge(String metric) {
		return metric.startsWith(PREFIX);
	}

	/** The gauge a rule reads, {@code null} for a rollup metric. */
	static @Nullable String name(String metric) {
		return isGauge(metric) ? metric.substring(PREFIX.length()) : null;
	}

	/** Throws a 400 naming the field when the metric, labels or group are not usable. */
	static void check(String metric, Map<String, String> labels, @Nullable String groupBy) {
		if (!NAME.matcher(metric.substring(PREFIX.length())).matches()) {
			throw invalid("metric",
					"must be gauge: and a gauge name of lower case letters, digits, dots and underscores,"
							+ " such as gauge:storage.bytes");
		}
		if (labels.size() > MAX_LABELS) {
			throw invalid("labels", "must have at most " + MAX_LABELS + " labels");
		}
		labels.forEach((label, value) -> {
			if (!usable(label)) {
				throw invalid("labels", "keys must be letters, digits, dots and underscores starting with a letter"
						+ " (not severity or metric), such as service");
			}
			if (value == null || value.isBlank() || value.length() > MAX_VALUE) {
				throw invalid("labels." + label, "must be 1 to " + MAX_VALUE + " characters");
			}
		});
		if (groupBy != null && !usable(groupBy)) {
			throw invalid("groupBy", "must be a label key: letters, digits, dots and underscores starting with a letter"
					+ " (not severity or metric), such as service");
		}
		if (groupBy != null && labels.containsKey(groupBy)) {
			throw invalid("groupBy", "is fixed by labels." + groupBy + " already");
		}
	}

	private static boolean usable(String label) {
		return LABEL.matcher(label).matches() && !RESERVED.contains(label);
	}

	private static InvalidParameterException invalid(String field, String message) {
		return new InvalidParameterException(field, message);
	}

}
