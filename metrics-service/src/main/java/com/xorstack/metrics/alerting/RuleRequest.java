package com.xorstack.metrics.alerting;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import com.xorstack.metrics.timeseries.SeriesMetric;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * The body of a create or replace. Every field is checked here, so each 400 names the
 * field it is about; unknown fields are refused by the JSON reader.
 */
record RuleRequest(@Nullable String name, @Nullable String metric, @Nullable Map<String, String> labels,
		@Nullable String groupBy, @Nullable String operator, @Nullable Double threshold, @Nullable String window,
		@JsonProperty("for") @Nullable String forDuration, @Nullable String severity,
		@Nullable List<Receiver> receivers) {

	static final Set<String> OPERATORS = Set.of("above", "below");

	static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

	/** E.164: a plus, a country code, at most 15 digits. */
	private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final Duration MAX_WINDOW = Duration.ofDays(1);

	private static final String METRIC_MESSAGE = "must be one of " + SeriesMetric.names()
			+ ", uptime.up, uptime.response_ms or gauge:<name>, a system gauge such as gauge:storage.bytes";

	/** The label of the per-user rollups, which carry no other label. */
	static final String USER = "user";

	/** Answers the request with durations in their normal ISO form, or throws. */
	RuleRequest validated() {
		if (this.name == null || this.name.isBlank() || this.name.length() > 100) {
			throw invalid("name", "must be 1 to 100 characters");
		}
		if (this.metric == null) {
			throw invalid("metric", METRIC_MESSAGE);
		}
		Map<String, String> checkedLabels = new LinkedHashMap<>((this.labels != null) ? this.labels : Map.of());
		if (GaugeRules.isGauge(this.metric)) {
			GaugeRules.check(this.metric, checkedLabels, this.groupBy);
		}
		else if (UptimeRules.isUptime(this.metric)) {
			UptimeRules.check(checkedLabels, this.groupBy);
		}
		else {
			checkRollup(this.metric, checkedLabels);
		}
		if (this.operator == null || !OPERATORS.contains(this.operator)) {
			throw invalid("operator", "must be one of [above, below]");
		}
		if (this.threshold == null || this.threshold.isNaN() || this.threshold.isInfinite()) {
			throw invalid("threshold", "must be a number");
		}
		Duration windowDuration = duration("window", this.window, Duration.ofMinutes(1));
		Duration pending = duration("for", (this.forDuration != null) ? this.forDuration : "PT0S", Duration.ZERO);
		if (this.severity == null || !SEVERITIES.contains(this.severity)) {
			throw invalid("severity", "must be one of [info, warning, critical]");
		}
		if (this.receivers == null || this.receivers.isEmpty() || this.receivers.size() > 10) {
			throw invalid("receivers", "must list 1 to 10 receivers");
		}
		for (int i = 0; i < this.receivers.size(); i++) {
			check(i, this.receivers.get(i));
		}
		if (this.receivers.stream().map(Receiver::key).distinct().count() < this.receivers.size()) {
			throw invalid("receivers", "must not list the same receiver twice");
		}
		return new RuleRequest(this.name.strip(), this.metric, checkedLabels, this.groupBy, this.operator,
				this.threshold, windowDuration.toString(), pending.toString(), this.severity,
				List.copyOf(this.receivers));
	}

	private void checkRollup(String metric, Map<String, String> checkedLabels) {
		SeriesMetric series = SeriesMetric.of(metric);
		if (series == null) {
			throw invalid("metric", METRIC_MESSAGE);
		}
		Set<String> known = labelsOf(series);
		checkedLabels.forEach((label, value) -> {
			if (!known.contains(label)) {
				throw invalid("labels." + label,
						"is not a label of " + metric + " (labels: " + known.stream().sorted().toList() + ")");
			}
			if (value == null || value.isBlank()) {
				throw invalid("labels." + label, "must not be blank");
			}
		});
		if (checkedLabels.containsKey(USER) && checkedLabels.size() > 1) {
			throw invalid("labels.user", "cannot be combined with other labels: per-user data is kept per user only");
		}
		if (this.groupBy != null) {
			checkGroupBy(known, checkedLabels);
		}
	}

	private void checkGroupBy(Set<String> known, Map<String, String> checkedLabels) {
		List<String> groups = known.stream().filter((label) -> !"operation".equals(label)).toList();
		if (!groups.contains(this.groupBy)) {
			throw invalid("groupBy", "must be one of " + groups + " for " + this.metric);
		}
		if (checkedLabels.containsKey(this.groupBy)) {
			throw invalid("groupBy", "is fixed by labels." + this.groupBy + " already");
		}
		if ((USER.equals(this.groupBy) || checkedLabels.containsKey(USER)) && !checkedLabels.isEmpty()) {
			throw invalid("groupBy",
					"cannot split by " + this.groupBy + " with these labels: per-user data is kept per user only");
		}
	}

	/** The labels a rule on the metric may filter or group by. */
	static Set<String> labelsOf(SeriesMetric series) {
		Set<String> labels = new TreeSet<>(series.labels());
		if (!labels.isEmpty()) {
			labels.add(USER);
		}
		return labels;
	}

	private static Duration duration(String field, @Nullable String text, Duration min) {
		if (text == null) {
			throw invalid(field, "is required, as an ISO-8601 duration such as PT5M");
		}
		try {
			Duration parsed = Duration.parse(text);
			if (parsed.compareTo(min) < 0 || parsed.compareTo(MAX_WINDOW) > 0) {
				throw invalid(field, "must be between " + min + " and " + MAX_WINDOW);
			}
			return parsed;
		}
		catch (DateTimeParseException ex) {
			throw invalid(field, "must be an ISO-8601 duration such as PT5M");
		}
	}

	private static void check(int index, @Nullable Receiver receiver) {
		String field = "receivers[" + index + "]";
		if (receiver == null || receiver.type() == null || !Receiver.TYPES.contains(receiver.type())) {
			throw invalid(field + ".type", "must be one of [discord, email, slack, sms, webhook]");
		}
		if ("sms".equals(receiver.type())) {
			if (receiver.to() == null || !PHONE.matcher(receiver.to()).matches()) {
				throw invalid(field + ".to", "must be a phone number in E.164 form, such as +14155550100");
			}
			if (receiver.url() != null) {
				throw invalid(field + ".url", "is not a field of an sms receiver");
			}
			return;
		}
		if ("email".equals(receiver.type())) {
			if (receiver.to() == null || !EMAIL.matcher(receiver.to()).matches()) {
				throw invalid(field + ".to", "must be an email address");
			}
			if (receiver.url() != null) {
				throw invalid(field + ".url", "is not a field of an email receiver");
			}
			return;
		}
		if (receiver.to() != null) {
			throw invalid(field + ".to", "is a field of email and sms receivers only");
		}
		if (receiver.url() == null || !httpUrl(receiver.url())) {
			throw invalid(field + ".url", "must be an absolute http or https URL");
		}
	}

	private static boolean httpUrl(String text) {
		try {
			URI uri = URI.create(text);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static InvalidParameterException invalid(String field, String message) {
		return new InvalidParameterException(field, message);
	}

}
