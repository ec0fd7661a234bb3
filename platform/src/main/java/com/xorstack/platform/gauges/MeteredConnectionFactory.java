package com.xorstack.platform.gauges;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;

/**
 * Wraps the service's connection factory, the pool, in an r2dbc-proxy that reports to the
 * {@link StatementMeter}. Above the pool rather than under it (where Boot's
 * {@code ConnectionFactoryDecorator}s go), because only there does
 * {@code ConnectionFactory.create()} measure the wait for a pooled connection rather than
 * the opening of a new one.
 * <p>
 * The proxy is no {@code Closeable}, so Spring would no longer close the pool with the
 * context: {@link #postProcessBeforeDestruction} closes what it wraps.
 */
final class MeteredConnectionFactory implements DestructionAwareBeanPostProcessor {

	private final ObjectProvider<StatementMeter> meter;

	MeteredConnectionFactory(ObjectProvider<StatementMeter> meter) {
		this.meter = meter;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof ConnectionFactory factory)) {
			return bean;
		}
		StatementMeter meter = this.meter.getObject();
		ConnectionPool pool = pool(factory);
		if (pool != null) {
			meter.inUse(() -> pool.getMetrics().map(PoolMetrics::acquiredSize).orElse(0));
		}
		return ProxyConnectionFactory.builder(factory).listener(meter).build();
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		return bean instanceof ConnectionFactory factory && pool(factory) != null && !(bean instanceof ConnectionPool);
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		ConnectionPool pool = pool((ConnectionFactory) bean);
		if (pool != null && !pool.isDisposed()) {
			pool.dispose();
		}
	}

	/** The pool itself or under wrappers; {@code null} without one. */
	static @Nullable ConnectionPool pool(ConnectionFactory factory) {
		Object current = factory;
		while (current != null) {
			if (current instanceof ConnectionPool pool) {
				return pool;
			}
			current = (current instanceof Wrapped<?> wrapped) ? wrapped.unwrap() : null;
		}
		return null;
	}

}
