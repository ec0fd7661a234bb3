package com.xorstack.auth.roles;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.auth.audit.AuditLog;
import com.xorstack.auth.keycloak.KeycloakAdminClient;
import com.xorstack.platform.security.Roles;

/**
 * Repairs the {@code user_roles} mirror to what Keycloak holds: Keycloak is the source of
 * truth, since a realm admin may change roles in its console. Any drift is logged,
 * counted ({@code auth.roles.drift}) and audited. It takes the role-change lock, so it
 * never reads a change halfway through.
 */
@Component
class RoleReconciliation {

	private static final Logger log = LoggerFactory.getLogger(RoleReconciliation.class);

	/** Who granted a role found in Keycloak only: someone outside auth-service. */
	static final String OUTSIDE = "keycloak";

	private final KeycloakAdminClient keycloak;

	private final UserRolesRepository mirror;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	private final Counter added;

	private final Counter removed;

	private final Clock clock = Clock.systemUTC();

	RoleReconciliation(KeycloakAdminClient keycloak, UserRolesRepository mirror, AuditLog audit,
			TransactionalOperator transactions, MeterRegistry meters) {
		this.keycloak = keycloak;
		this.mirror = mirror;
		this.audit = audit;
		this.transactions = transactions;
		this.added = Counter.builder("auth.roles.drift").tag("kind", "missing-in-mirror").register(meters);
		this.removed = Counter.builder("auth.roles.drift").tag("kind", "missing-in-keycloak").register(meters);
	}

	@Scheduled(initialDelayString = "${xorstack.roles.reconcile-delay:PT10S}",
			fixedDelayString = "${xorstack.roles.reconcile-interval:PT5M}")
	Mono<Void> scheduled() {
		// Spring calls this once and subscribes to what it answers at every run
		return Mono.defer(this::reconcile).onErrorResume((ex) -> {
			log.warn("Role reconciliation failed, trying again next time: {}", ex.toString());
			return Mono.empty();
		}).then();
	}

	Mono<RoleDrift> reconcile() {
		Mono<RoleDrift> run = this.mirror.lockRoleChanges()
			.then(Mono.zip(inKeycloak(), inMirror()))
			.map((both) -> drift(both.getT1(), both.getT2()))
			.flatMap(this::repair);
		return this.transactions.transactional(run);
	}

	private Mono<Set<UserRole>> inKeycloak() {
		return Flux.fromIterable(Roles.PERSON_ROLES)
			.concatMap((role) -> this.keycloak.roleMembers(role)
				.flatMapIterable((users) -> users.stream().map((user) -> new UserRole(user.id(), role)).toList()))
			.collect(Collectors.toSet());
	}

	private Mono<Set<UserRole>> inMirror() {
		return this.mirror.findAll().collect(Collectors.toSet());
	}

	private static RoleDrift drift(Set<UserRole> keycloak, Set<UserRole> mirror) {
		List<UserRole> added = keycloak.stream().filter((role) -> !mirror.contains(role)).toList();
		List<UserRole> removed = mirror.stream().filter((role) -> !keycloak.contains(role)).toList();
		return new RoleDrift(added, removed);
	}

	private Mono<RoleDrift> repair(RoleDrift drift) {
		if (drift.none()) {
			return Mono.just(drift);
		}
		return Flux.fromIterable(drift.added())
			.concatMap((role) -> this.mirror.add(role.userId(), role.role(), OUTSIDE, this.clock.instant()))
			.thenMany(Flux.fromIterable(drift.removed()))
			.concatMap((role) -> this.mirror.remove(role.userId(), role.role()))
			.then(this.audit.record(AuditLog.SOURCE, "roles.reconciled", "user_roles", describe(drift)))
			.then(Mono.fromRunnable(() -> report(drift)))
			.thenReturn(drift);
	}

	private void report(RoleDrift drift) {
		log.warn("Role mirror drifted from Keycloak and was repaired: added {}, removed {}", drift.added(),
				drift.removed());
		this.added.increment(drift.added().size());
		this.removed.increment(drift.removed().size());
	}

	private static Map<String, String> describe(RoleDrift drift) {
		return Map.of("added", joined(drift.added()), "removed", joined(drift.removed()));
	}

	private static String joined(List<UserRole> roles) {
		return roles.stream()
			.map((role) -> role.userId() + ":" + role.role())
			.sorted()
			.collect(Collectors.joining(","));
	}

}
