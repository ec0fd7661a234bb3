package com.xorstack.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.bench.AiCallEvents.AiCall;
import com.xorstack.devstack.DevStack;

/**
 * The ceiling: the same kind of rows with PgJDBC's {@code COPY ... FROM STDIN} into
 * {@code ai_logs} itself, in the state the service paths meet it. Only {@code ai_logs} is
 * written: no id claim, no validation, no redaction, no price, no recorded event, which
 * the service does for every event. Also, as the ceiling was measured before, into
 * {@code ai_logs_copy}: a scratch twin with the same columns, checks, indexes and daily
 * partitions, recreated empty each round.
 */
final class CopyCeiling {

	private static final String[] COLUMNS = { "id", "occurred_at", "function_name", "operation", "provider",
			"request_model", "response_model", "input_hash", "output_preview", "duration_ms", "time_to_first_token_ms",
			"input_tokens", "output_tokens", "cache_read_input_tokens", "status", "error_type", "finish_reasons",
			"user_id", "session_id", "conversation_id", "trace_id", "span_id", "attributes" };

	private static final String[] FIELDS = { "id", "occurredAt", "functionName", "operation", "provider",
			"requestModel", "responseModel", "inputHash", "outputPreview", "durationMs", "timeToFirstTokenMs",
			"inputTokens", "outputTokens", "cacheReadInputTokens", "status", "errorType", "finishReasons", "userId",
			"sessionId", "conversationId", "traceId", "spanId", "attributes" };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DevStack stack;

	CopyCeiling(DevStack stack) {
		this.stack = stack;
	}

	/**
	 * Fills {@code ai_logs} with {@code rows} calls of the same kind over the same six
	 * hours, and {@code ai_log_ids} with their ids, as a day of sustained ingest would
	 * have left them, then analyzes both and checkpoints: what a path writes into then
	 * has indexes of a realistic size, not empty ones.
	 */
	void preload(int rows) throws SQLException {
		try (Connection connection = connect()) {
			for (int done = 0, chunk = 0; done < rows; done += 100_000, chunk++) {
				copy(connection, "ai_logs", csv(AiCallEvents.generate(Math.min(100_000, rows - done), 5000 + chunk)));
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("insert into ai_log_ids (id, occurred_at) select id, occurred_at from ai_logs"
						+ " on conflict do nothing");
				statement.execute("analyze ai_logs");
				statement.execute("analyze ai_log_ids");
				statement.execute("checkpoint");
			}
		}
	}

	/**
	 * Copies the rows into {@code ai_logs} itself, as it stands after the preload and the
	 * earlier paths and rounds (its indexes as large and its partition as full as the
	 * service meets them), and answers how many more rows it holds then.
	 */
	Measured copyIntoAiLogs(List<AiCall> calls) throws SQLException {
		byte[] csv = csv(calls);
		try (Connection connection = connect()) {
			long before = count(connection, "select count(*) from ai_logs");
			double seconds = copy(connection, "ai_logs", csv);
			return new Measured(seconds, count(connection, "select count(*) from ai_logs") - before);
		}
	}

	/**
	 * Empties {@code ai_logs_copy}, recreated with a partition for each of
	 * {@code ai_logs}'s, copies the rows in and answers how many it holds then: the
	 * ceiling as measured before, into empty indexes every round.
	 */
	Measured copyIntoEmptyTwin(List<AiCall> calls) throws SQLException {
		byte[] csv = csv(calls);
		try (Connection connection = connect()) {
			recreateTable(connection);
			double seconds = copy(connection, "ai_logs_copy", csv);
			return new Measured(seconds, count(connection, "select count(*) from ai_logs_copy"));
		}
	}

	private static double copy(Connection connection, String table, byte[] csv) throws SQLException {
		long started = System.nanoTime();
		try {
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy " + table + " (" + String.join(", ", COLUMNS) + ") from stdin (format csv)",
						new ByteArrayInputStream(csv));
		}
		catch (java.io.IOException ex) {
			throw new SQLException(ex);
		}
		return (System.nanoTime() - started) / 1e9;
	}

	Connection connect() throws SQLException {
		// as the owner: the benchmark makes a table of its own beside the service's
		return this.stack.connect("ailog", this.stack.ownerLogin("ailog"));
	}

	private static void recreateTable(Connection connection) throws SQLException {
		List<String> bounds = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists ai_logs_copy");
			try (ResultSet partitions = statement.executeQuery("select pg_get_expr(c.relpartbound, c.oid)"
					+ " from pg_inherits i join pg_class c on c.oid = i.inhrelid"
					+ " where i.inhparent = 'ai_logs'::regclass order by c.relname")) {
				while (partitions.next()) {
					bounds.add(partitions.getString(1));
				}
			}
			statement
				.execute("create table ai_logs_copy (like ai_logs including all) partition by range (occurred_at)");
			for (int i = 0; i < bounds.size(); i++) {
				statement.execute("create table ai_logs_copy_" + i + " partition of ai_logs_copy " + bounds.get(i));
			}
		}
	}

	static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static byte[] csv(List<AiCall> calls) {
		StringBuilder csv = new StringBuilder(calls.size() * 700);
		for (AiCall call : calls) {
			for (int i = 0; i < FIELDS.length; i++) {
				if (i > 0) {
					csv.append(',');
				}
				Object value = call.fields().get(FIELDS[i]);
				if (value != null) {
					csv.append('"').append(text(value).replace("\"", "\"\"")).append('"');
				}
			}
			csv.append('\n');
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Object value) {
		if (value instanceof List<?> list) {
			return "{" + String.join(",", list.stream().map((item) -> "\"" + item + "\"").toList()) + "}";
		}
		if (value instanceof Map<?, ?> map) {
			return JSON.writeValueAsString(map);
		}
		return value.toString();
	}

	record Measured(double seconds, long stored) {

	}

}
