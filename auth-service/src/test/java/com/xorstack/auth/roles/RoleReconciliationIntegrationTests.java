package com.xorstack.auth.roles;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.auth.KeycloakTestAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift made behind auth-service's back, in Keycloak and in the mirror, is repaired to
 * Keycloak's truth and reported.
 */
@SpringBootTest
class RoleReconciliationIntegrationTests {

	final KeycloakTestAdmin keycloak = new KeycloakTestAdmin();

	@Autowired
	RoleReconciliation reconciliation;

	@Autowired
	UserRolesRepository mirror;

	@Autowired
	DatabaseClient db;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.register(registry);
	}

	@Test
	void driftIsRepairedToKeycloaksTruthAndReported() {
		this.reconciliation.reconcile().block();
		String grantedInConsole = this.keycloak.createUser("console-grant", "user");
		this.keycloak.grant(grantedInConsole, "moderator");
		String ghost = "ghost-" + grantedInConsole;
		this.mirror.add(ghost, "admin", "nobody", java.time.Instant.now()).block();
		double before = driftCount();

		RoleDrift drift = this.reconciliation.reconcile().block();

		assertThat(drift.added()).contains(new UserRole(grantedInConsole, "moderator"),
				new UserRole(grantedInConsole, "user"));
		assertThat(drift.removed()).containsExactly(new UserRole(ghost, "admin"));
		assertThat(this.mirror.grantedBy(grantedInConsole, "moderator").block()).isEqualTo(RoleReconciliation.OUTSIDE);
		assertThat(this.mirror.findAll().collectList().block()).doesNotContain(new UserRole(ghost, "admin"));
		assertThat(driftCount()).isEqualTo(before + 3);
		assertThat(this.db
			.sql("select count(*) from audit_log where action = 'roles.reconciled'" + " and details::text like '%"
					+ ghost + ":admin%'")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()).isOne();
		assertThat(this.reconciliation.reconcile().block().none()).isTrue();
	}

	private double driftCount() {
		return this.meters.get("auth.roles.drift").counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
