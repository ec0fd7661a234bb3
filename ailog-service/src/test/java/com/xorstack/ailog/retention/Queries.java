package com.xorstack.ailog.retention;

import org.springframework.r2dbc.core.DatabaseClient;

/** The reads of the ailog database that the retention tests check what they did with. */
record Queries(DatabaseClient db) {

	boolean exists(String table) {
		return Boolean.TRUE.equals(this.db.sql("select to_regclass(:t) is not null")
			.bind("t", table)
			.map((row) -> row.get(0, Boolean.class))
			.one()
			.block());
	}

	long count(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	String text(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, String.class)).one().block();
	}

}
