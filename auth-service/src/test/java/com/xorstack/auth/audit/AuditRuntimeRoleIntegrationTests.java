package com.xorstack.auth.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.devstack.DatabaseLogin;
import com.xorstack.devstack.DevStack;
import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attacks of someone holding the service's own database login (issue 18): the runtime
 * role may read and append to the audit log and nothing more. Every attempt is refused
 * for want of privilege (SQLSTATE 42501), before any trigger is reached, so that the
 * triggers are not the only thing in the way.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
class AuditRuntimeRoleIntegrationTests {

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	@Autowired
	AuditLog audit;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.register(registry);
	}

	@Test
	void theServiceRunsAsItsRuntimeRoleNotAsTheOwnerOrTheSuperuser() throws SQLException {
		DatabaseLogin runtime = stack().runtimeLogin("auth");
		assertThat(runtime.user()).isNotEqualTo(stack().ownerLogin("auth").user())
			.isNotEqualTo(stack().superuserLogin().user());
		assertThat(query(runtime, "select current_user")).isEqualTo(runtime.user());
		assertThat(query(runtime, "select rolsuper::text from pg_roles where rolname = current_user"))
			.isEqualTo("false");
		assertThat(query(runtime, "select tableowner from pg_tables where tablename = 'audit_log'"))
			.isEqualTo(stack().ownerLogin("auth").user());
	}

	@Test
	void theRuntimeRoleMayNotChangeTheAuditLog() {
		String target = "runtime-role/" + UUID.randomUUID();
		this.audit.record("tester", "test.runtime-role", target, Map.of()).block();
		String partition = AuditPartitions.nameOf(YearMonth.now(ZoneOffset.UTC));

		assertRefused("update audit_log set actor = 'mallory' where target = '" + target + "'");
		assertRefused("delete from audit_log where target = '" + target + "'");
		assertRefused("truncate audit_log");
		assertRefused("truncate " + partition);
		assertRefused("update " + partition + " set actor = 'mallory' where target = '" + target + "'");
		assertRefused("delete from " + partition + " where target = '" + target + "'");
		assertRefused("alter table audit_log disable trigger audit_log_no_update_or_delete");
		assertRefused("alter table " + partition + " disable trigger audit_log_partition_no_truncate");
		assertRefused("drop table " + partition);
		assertRefused("set session_replication_role = replica");
		assertRefused("update audit_anchor set last_hash = 'x'");
		assertRefused("delete from audit_anchor");
		assertRefused("create or replace function audit_log_refuse_change() returns trigger language plpgsql"
				+ " as $$ begin return new; end $$");
	}

	@Test
	void theDropFunctionRefusesAMonthThatIsNotTheOldestOrNotAnchored() {
		// this month: neither ended nor, usually, the oldest; never anchored
		String month = YearMonth.now(ZoneOffset.UTC).atDay(1).toString();
		assertRefused("select audit_log_drop_partition('" + month + "')");
		assertRefused("select audit_log_drop_partition('2099-01-01')");
	}

	@Test
	void theRuntimeRoleMayNotCreateRolesOrTables() {
		assertRefused("create role mallory login superuser");
		assertRefused("create role mallory");
		assertRefused("create table mallory (id int)");
		assertRefused("create schema mallory");
		assertRefused("alter role current_user superuser");
	}

	@Test
	void neitherRoleMayConnectToAnotherServicesDatabase() {
		for (DatabaseLogin login : new DatabaseLogin[] { stack().runtimeLogin("auth"), stack().ownerLogin("auth") }) {
			for (String other : new String[] { "feedback", "ailog", "metrics" }) {
				assertThatThrownBy(() -> stack().connect(other, login).close()).as(login.user() + " on " + other)
					.isInstanceOfSatisfying(SQLException.class,
							(ex) -> assertThat(ex.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
			}
		}
		assertThatThrownBy(() -> stack().connect("auth", stack().runtimeLogin("feedback")).close())
			.isInstanceOfSatisfying(SQLException.class,
					(ex) -> assertThat(ex.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
	}

	private static void assertRefused(String sql) {
		ThrowingCallable attack = () -> {
			try (Connection connection = stack().connect("auth", stack().runtimeLogin("auth"));
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		};
		assertThatThrownBy(attack).as(sql)
			.isInstanceOfSatisfying(SQLException.class,
					(ex) -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE))
			// the trigger's refusal has the same SQLSTATE: it must not be what stopped it
			.message()
			.doesNotContain("append-only");
	}

	private static String query(DatabaseLogin login, String sql) throws SQLException {
		try (Connection connection = stack().connect("auth", login);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static DevStack stack() {
		return TestStack.get().devStack();
	}

}
