package com.xorstack.platform.gauges;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool is wrapped above itself, still found under the wrapper, and still closed with
 * the context; switched off, it is left alone. No connection is opened: the pool opens
 * them on first use.
 */
class DatabaseMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class, KafkaAutoConfiguration.class,
				DatabaseMetricsAutoConfiguration.class))
		.withPropertyValues("spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:9/none", "spring.r2dbc.username=none",
				"spring.application.name=test");

	@Test
	void thePoolIsWrappedAndClosedWithTheContext() {
		ConnectionPool[] pool = new ConnectionPool[1];
		this.contexts.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(StatementMeter.class).hasSingleBean(DatabaseGauges.class);
			ConnectionFactory factory = context.getBean(ConnectionFactory.class);
			assertThat(factory).isNotInstanceOf(ConnectionPool.class);
			pool[0] = MeteredConnectionFactory.pool(factory);
			assertThat(pool[0]).isNotNull();
			assertThat(pool[0].isDisposed()).isFalse();
		});
		assertThat(pool[0].isDisposed()).isTrue();
	}

	@Test
	void switchedOffThePoolIsLeftAlone() {
		this.contexts.withPropertyValues("xorstack.database-metrics.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(StatementMeter.class);
			assertThat(context.getBean(ConnectionFactory.class)).isInstanceOf(ConnectionPool.class);
		});
	}

}
