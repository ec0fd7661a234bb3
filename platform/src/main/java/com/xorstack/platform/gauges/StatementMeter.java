package com.xorstack.platform.gauges;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.r2dbc.proxy.core.MethodExecutionInfo;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.ConnectionFactory;

/**
 * Measures every statement the service runs and every connection it takes from its pool,
 * as r2dbc-proxy reports them, per interval: {@link #drain()} hands over what was
 * measured since the last call and starts afresh, so each published reading is the cost
 * of one interval, as {@code pg_stat_statements} would show it after a reset.
 * <p>
 * Memory is bounded: at most {@code maxStatements} distinct statements per interval, the
 * rest counted under one statement named {@code other}, and the normalised text cached
 * for at most 1000 raw texts (normalising is the costly part, and a service runs a few
 * dozen statements).
 */
final class StatementMeter implements ProxyExecutionListener {

	static final StatementText OTHER = new StatementText("other", "(statements beyond the limit of one interval)");

	private final Cache<String, StatementText> normalised = Caffeine.newBuilder().maximumSize(1000).build();

	private final AtomicReference<Interval> current = new AtomicReference<>(new Interval());

	private final int maxStatements;

	/** Connections in use now; set once the pool is known. */
	private volatile IntSupplier inUse = () -> 0;

	StatementMeter(int maxStatements) {
		this.maxStatements = maxStatements;
	}

	/**
	 * Called once every result of the statement was consumed (r2dbc-proxy 1.x), so the
	 * time and the rows are the whole statement's.
	 */
	@Override
	public void afterQuery(QueryExecutionInfo execution) {
		List<QueryInfo> queries = execution.getQueries();
		if (queries.isEmpty()) {
			return;
		}
		// a batch of several statements is counted as its first: batches here are DDL
		StatementText statement = this.normalised.get(queries.get(0).getQuery(), StatementText::of);
		stats(statement).record(execution.getExecuteDuration().toNanos(), execution.getCurrentResultCount(),
				execution.isSuccess());
	}

	/** {@code ConnectionFactory.create()} on the pool: the wait for a connection. */
	@Override
	public void afterMethod(MethodExecutionInfo execution) {
		if (execution.getTarget() instanceof ConnectionFactory && "create".equals(execution.getMethod().getName())) {
			Interval interval = this.current.get();
			interval.pool.record(execution.getExecuteDuration().toNanos(), 0, execution.getThrown() == null);
			interval.peakInUse.accumulateAndGet(this.inUse.getAsInt(), Math::max);
		}
	}

	void inUse(IntSupplier inUse) {
		this.inUse = inUse;
	}

	private StatementStats stats(StatementText statement) {
		Map<StatementText, StatementStats> statements = this.current.get().statements;
		StatementStats stats = statements.get(statement);
		if (stats != null) {
			return stats;
		}
		StatementText kept = (statements.size() < this.maxStatements) ? statement : OTHER;
		return statements.computeIfAbsent(kept, StatementStats::new);
	}

	/**
	 * What was measured since the last call; measuring goes on into a new interval. A
	 * statement that ends while this runs may be counted in neither interval: a reading
	 * is a measurement, not a ledger.
	 */
	Measured drain() {
		Interval ended = this.current.getAndSet(new Interval());
		return new Measured(ended.statements.values().stream().map(StatementStats::snapshot).toList(),
				ended.pool.snapshot(), ended.peakInUse.get());
	}

	/**
	 * One interval's statements and connection acquisitions (as a statement of its own:
	 * calls are acquisitions, p95 the wait), and the most connections in use right after
	 * an acquisition.
	 */
	record Measured(List<StatementStats.Snapshot> statements, StatementStats.Snapshot acquisitions, int peakInUse) {
	}

	private static final class Interval {

		final Map<StatementText, StatementStats> statements = new ConcurrentHashMap<>();

		final StatementStats pool = new StatementStats(new StatementText("pool", "connection acquisition"));

		final AtomicInteger peakInUse = new AtomicInteger();

	}

}
