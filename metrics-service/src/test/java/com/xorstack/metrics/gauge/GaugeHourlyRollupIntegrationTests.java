package com.xorstack.metrics.gauge;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.metrics.gauge.GaugeRepository.GaugePoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Gauge readings past their 90 days live on as hourly aggregates for a year (issue 21):
 * rolled up and deleted in one statement, merged when a late reading of a rolled-up hour
 * comes, read back through the same series, and forgotten after a year.
 */
class GaugeHourlyRollupIntegrationTests extends MetricsIntegrationTest {

	@Autowired
	GaugeRepository gauges;

	@Autowired
	DatabaseClient db;

	@Test
	void readingsPastRetentionLiveOnAsHourlyAggregatesForAYear() {
		String name = "storage.bytes.hourly" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
		Instant now = Instant.now();
		Instant hour = now.truncatedTo(ChronoUnit.HOURS).minus(100, ChronoUnit.DAYS);
		Instant yearAgo = now.truncatedTo(ChronoUnit.HOURS).minus(400, ChronoUnit.DAYS);
		insert(name, 1, hour.plus(Duration.ofMinutes(5)));
		insert(name, 5, hour.plus(Duration.ofMinutes(20)));
		insert(name, 3, hour.plus(Duration.ofMinutes(50)));
		insert(name, 7, hour.plus(Duration.ofMinutes(70)));
		insert(name, 9, yearAgo);

		this.gauges.rollUpBefore(now.minus(90, ChronoUnit.DAYS)).block();

		assertThat(count("select count(*) from system_metrics where name = '" + name + "'")).isZero();
		List<GaugePoint> points = this.gauges
			.series(name, Map.of("kind", "t"), hour, hour.plus(Duration.ofHours(2)), Duration.ofHours(1))
			.collectList()
			.block();
		assertThat(points).extracting(GaugePoint::at).containsExactly(hour, hour.plus(Duration.ofHours(1)));
		assertThat(points.get(0).avg()).isCloseTo(3.0, within(1e-9));
		assertThat(points.get(0).min()).isEqualTo(1.0);
		assertThat(points.get(0).max()).isEqualTo(5.0);
		assertThat(points.get(0).count()).isEqualTo(3);
		assertThat(points.get(1).avg()).isEqualTo(7.0);

		// a late reading of an hour already rolled up merges into it
		insert(name, 11, hour.plus(Duration.ofMinutes(10)));
		this.gauges.rollUpBefore(now.minus(90, ChronoUnit.DAYS)).block();
		GaugePoint merged = this.gauges
			.series(name, Map.of(), hour, hour.plus(Duration.ofHours(1)), Duration.ofHours(1))
			.blockFirst();
		assertThat(merged.count()).isEqualTo(4);
		assertThat(merged.avg()).isCloseTo(5.0, within(1e-9));
		assertThat(merged.max()).isEqualTo(11.0);

		this.gauges.deleteHourlyBefore(now.minus(365, ChronoUnit.DAYS)).block();
		assertThat(count("select count(*) from system_metrics_hourly where name = '" + name + "'"))
			.as("the year-old hour is gone, the others kept")
			.isEqualTo(2);
	}

	private void insert(String name, double value, Instant at) {
		this.db
			.sql("insert into system_metrics (id, name, value, unit, labels, at)"
					+ " values (:id, :name, :value, 'bytes', cast(:labels as jsonb), :at)")
			.bind("id", UUID.randomUUID().toString())
			.bind("name", name)
			.bind("value", value)
			.bind("labels", "{\"kind\": \"t\"}")
			.bind("at", at.atOffset(ZoneOffset.UTC))
			.then()
			.block();
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

}
