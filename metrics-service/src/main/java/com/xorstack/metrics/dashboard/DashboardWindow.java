package com.xorstack.metrics.dashboard;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * A dashboard window such as {@code 15m}, {@code 1h} or {@code 7d}: at least a minute, at
 * most 30 days.
 */
public record DashboardWindow(String text, Duration duration) {

	private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,4})([mhd])");

	private static final Duration LONGEST = Duration.ofDays(30);

	public static DashboardWindow parse(String text) {
		Matcher matcher = FORMAT.matcher(text);
		if (!matcher.matches()) {
			throw new InvalidParameterException("window", "must be a number followed by m, h or d, such as 15m");
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration duration = switch (matcher.group(2)) {
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
		if (duration.compareTo(LONGEST) > 0) {
			throw new InvalidParameterException("window", "must be at most 30d");
		}
		return new DashboardWindow(text, duration);
	}

}
