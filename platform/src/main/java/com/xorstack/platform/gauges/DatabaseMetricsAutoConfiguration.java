package com.xorstack.platform.gauges;

import java.time.Clock;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Database metrics in every service with a database pool of its own and Kafka: per
 * normalised statement calls, errors, total, mean and p95 time and rows; per pool
 * connections in use, idle, pending, the maximum, and the wait to acquire one; published
 * every interval as {@code db.statement.*} and {@code db.pool.*} gauges. In process,
 * through r2dbc-proxy, because {@code pg_stat_statements} needs a server setting the
 * database may not have and would see every database's statements.
 * {@code xorstack.database-metrics.enabled=false} leaves the connection factory as it is.
 */
@AutoConfiguration(after = { R2dbcAutoConfiguration.class, KafkaAutoConfiguration.class })
@ConditionalOnClass({ ConnectionPool.class, ProxyConnectionFactory.class, KafkaTemplate.class })
@ConditionalOnBean({ ConnectionFactory.class, KafkaTemplate.class })
@ConditionalOnBooleanProperty(name = "xorstack.database-metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DatabaseMetricsProperties.class)
public class DatabaseMetricsAutoConfiguration {

	/** Static: a post-processor is made before the other beans; the meter comes later. */
	@Bean
	static MeteredConnectionFactory meteredConnectionFactory(ObjectProvider<StatementMeter> meter) {
		return new MeteredConnectionFactory(meter);
	}

	/**
	 * Boot declares the pool with {@code destroyMethod = "dispose"}, which the proxy has
	 * not: Spring would refuse to register the bean's destruction. The wrapper disposes
	 * the pool itself ({@link MeteredConnectionFactory#postProcessBeforeDestruction}).
	 */
	@Bean
	static BeanFactoryPostProcessor connectionFactoryDestroyedThroughItsProxy() {
		return (beanFactory) -> {
			for (String name : beanFactory.getBeanNamesForType(ConnectionFactory.class, true, false)) {
				if (beanFactory.containsBeanDefinition(name)
						&& beanFactory.getBeanDefinition(name) instanceof AbstractBeanDefinition definition) {
					definition.setEnforceDestroyMethod(false);
				}
			}
		};
	}

	@Bean
	StatementMeter statementMeter(DatabaseMetricsProperties properties) {
		return new StatementMeter(properties.maxStatements());
	}

	@Bean
	DatabaseGauges databaseGauges(StatementMeter meter, ConnectionFactory connectionFactory,
			KafkaTemplate<String, byte[]> kafka, ObjectProvider<Clock> clock, DatabaseMetricsProperties properties,
			Environment environment) {
		ConnectionPool pool = MeteredConnectionFactory.pool(connectionFactory);
		return new DatabaseGauges(meter, () -> (pool != null) ? pool.getMetrics().orElse(null) : null, kafka,
				clock.getIfUnique(Clock::systemUTC), environment.getProperty("spring.application.name", "application"),
				properties);
	}

}
