package com.xorstack.metrics.alerting;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One notification: every change of one rule's alert instances sent together, what a
 * generic webhook receives. {@code state} is firing when any of them fires.
 */
record AlertGroup(long notificationId, UUID ruleId, String rule, String severity, String metric, String state,
		int firing, int resolved, List<Alert> alerts) {

	static AlertGroup of(long notification, List<Alert> alerts) {
		Alert first = alerts.get(0);
		int firing = (int) alerts.stream().filter((alert) -> AlertStates.FIRING.equals(alert.state())).count();
		return new AlertGroup(notification, first.ruleId(), first.rule(), first.severity(), first.metric(),
				(firing > 0) ? AlertStates.FIRING : AlertStates.RESOLVED, firing, alerts.size() - firing, alerts);
	}

	/**
	 * One line for a single change (as it always was); for several, a headline such as
	 * {@code [FIRING:2] rule (critical): 2 firing, 1 resolved} and a line per change.
	 */
	String summary() {
		return summary(UnaryOperator.identity());
	}

	/** The summary with rule names, labels and the like passed through {@code text}. */
	String summary(UnaryOperator<String> text) {
		if (this.alerts.size() == 1) {
			return this.alerts.get(0).summary(text);
		}
		return headline(text) + "\n"
				+ this.alerts.stream().map((alert) -> "- " + alert.summary(text)).collect(Collectors.joining("\n"));
	}

	String headline(UnaryOperator<String> text) {
		if (this.alerts.size() == 1) {
			return this.alerts.get(0).summary(text);
		}
		return "[" + this.state.toUpperCase(Locale.ROOT) + ":" + ((this.firing > 0) ? this.firing : this.resolved)
				+ "] " + text.apply(this.rule) + " (" + text.apply(this.severity) + "): " + this.firing + " firing, "
				+ this.resolved + " resolved";
	}

}
