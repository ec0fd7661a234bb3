package com.xorstack.platform.gauges;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The size on disk of each table of the service's own schema: heap, indexes and TOAST
 * ({@code pg_total_relation_size}). A partitioned table is one table, the sum over its
 * partition tree; its partitions are not listed on their own, nor is Flyway's history.
 */
final class StorageSizes {

	/*
	 * The partition trees are walked in pg_inherits, not with pg_partition_tree: that
	 * locks every partition until the transaction ends, so summing a tree would then wait
	 * for the parent's lock while holding them, the opposite order of a DDL on the parent
	 * (retention detaching a partition), and the two could deadlock.
	 * pg_total_relation_size locks one relation at a time and lets go at once; a
	 * partition dropped meanwhile has no size (null), which sum() leaves out.
	 */
	private static final String SIZES = """
			with recursive tree (root, relid) as (
			    select c.oid, c.oid
			    from pg_class c
			    join pg_namespace n on n.oid = c.relnamespace
			    where n.nspname = current_schema()
			      and c.relkind in ('r', 'p')
			      and not c.relispartition
			      and c.relname <> :history
			  union all
			    select t.root, i.inhrelid
			    from tree t
			    join pg_inherits i on i.inhparent = t.relid
			    join pg_class p on p.oid = i.inhrelid and p.relispartition
			)
			select r.relname::text as kind, coalesce(sum(pg_total_relation_size(t.relid)), 0)::bigint as bytes
			from tree t
			join pg_class r on r.oid = t.root
			group by r.relname
			order by r.relname
			""";

	private final DatabaseClient db;

	private final String flywayHistoryTable;

	StorageSizes(DatabaseClient db, String flywayHistoryTable) {
		this.db = db;
		this.flywayHistoryTable = flywayHistoryTable;
	}

	Flux<TableSize> measure() {
		return this.db.sql(SIZES)
			.bind("history", this.flywayHistoryTable)
			.map((row) -> new TableSize(row.get("kind", String.class), row.get("bytes", Long.class)))
			.all();
	}

	record TableSize(String table, long bytes) {
	}

}
