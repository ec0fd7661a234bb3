package com.xorstack.metrics.uptime;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import static com.xorstack.metrics.uptime.UptimeCheckRepository.at;

/**
 * The values alert rules read over checks, per check name, among the checks with results
 * in {@code (from, now]}: {@code uptime.up} is 0 while the check is down (an incident is
 * open) and 1 otherwise, so a rule {@code below 1} fires with the incident and resolves
 * with it; {@code uptime.response_ms} is the mean response time of the passing runs (no
 * value without one). A check without results in the window has no value.
 */
@Component
public class UptimeValues {

	public static final String UP = "uptime.up";

	public static final String RESPONSE_MS = "uptime.response_ms";

	private final DatabaseClient db;

	UptimeValues(DatabaseClient db) {
		this.db = db;
	}

	/** The metric per check name; only {@code check}'s when it is given. */
	public Mono<Map<String, @Nullable Double>> byCheck(String metric, @Nullable String check, Instant from,
			Instant now) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("select c.name, c.open_incident is null as up,"
					+ " avg(r.response_ms) filter (where r.error is null) as ms from uptime_checks c"
					+ " join uptime_results r on r.check_no = c.no and r.at > :from and r.at <= :now"
					+ " where cast(:check as text) is null or c.name = :check group by c.name, c.open_incident")
			.bind("from", at(from))
			.bind("now", at(now));
		spec = (check != null) ? spec.bind("check", check) : spec.bindNull("check", String.class);
		return spec.map((row) -> {
			Double value = UP.equals(metric) ? (Boolean.TRUE.equals(row.get("up", Boolean.class)) ? 1.0 : 0.0)
					: row.get("ms", Double.class);
			return new Object[] { row.get("name", String.class), value };
		}).all().collectList().map((rows) -> {
			Map<String, @Nullable Double> values = new HashMap<>();
			rows.forEach((row) -> values.put((String) row[0], (Double) row[1]));
			return values;
		});
	}

}
