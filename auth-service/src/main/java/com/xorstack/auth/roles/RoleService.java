package com.xorstack.auth.roles;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.auth.audit.AuditLog;
import com.xorstack.auth.keycloak.KeycloakAdminClient;
import com.xorstack.auth.keycloak.KeycloakUser;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;
import com.xorstack.platform.outbox.Outbox;
import com.xorstack.platform.security.Roles;

/**
 * Grants and revokes realm roles. Keycloak and our database cannot share a transaction,
 * so a change runs inside one database transaction, under a lock that serialises role
 * changes: the guards read Keycloak, then the mirror row, the audit row and the outbox
 * event are written, and the Keycloak change comes last, just before the commit. A
 * Keycloak failure therefore rolls back everything we wrote and leaves Keycloak as it
 * was; only a failed commit after Keycloak changed needs undoing, which
 * {@code KeycloakChange} does (and the reconciliation repairs the mirror should even that
 * fail). Answers whether anything changed: a no-op writes no audit row and no event.
 */
@Service
class RoleService {

	private static final Logger log = LoggerFactory.getLogger(RoleService.class);

	private final KeycloakAdminClient keycloak;

	private final UserRolesRepository mirror;

	private final AuditLog audit;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final Clock clock = Clock.systemUTC();

	RoleService(KeycloakAdminClient keycloak, UserRolesRepository mirror, AuditLog audit, Outbox outbox,
			TransactionalOperator transactions) {
		this.keycloak = keycloak;
		this.mirror = mirror;
		this.audit = audit;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	Mono<Boolean> grant(Caller caller, String userId, String role) {
		return Mono.defer(() -> {
			KeycloakChange change = new KeycloakChange(this.keycloak.grant(userId, role),
					this.keycloak.revoke(userId, role));
			return checked(caller, userId, role)
				.flatMap((user) -> locked(rolesOf(userId).flatMap((held) -> held.contains(role) ? Mono.just(false)
						: recordGrant(caller, user, role).then(change.apply()))))
				.onErrorResume(change::undoIfApplied);
		});
	}

	Mono<Boolean> revoke(Caller caller, String userId, String role) {
		return Mono.defer(() -> {
			KeycloakChange change = new KeycloakChange(this.keycloak.revoke(userId, role),
					this.keycloak.grant(userId, role));
			return checked(caller, userId, role)
				.flatMap((user) -> locked(rolesOf(userId).flatMap((held) -> !held.contains(role) ? Mono.just(false)
						: notLastAdmin(userId, role).then(recordRevoke(caller, user, role)).then(change.apply()))))
				.onErrorResume(change::undoIfApplied);
		});
	}

	/** The guards that need no lock: a grantable role, not oneself, a known user. */
	private Mono<KeycloakUser> checked(Caller caller, String userId, String role) {
		return Mono.fromCallable(() -> RoleProblems.checkGrantable(role))
			.filter((grantable) -> !caller.id().equals(userId))
			.switchIfEmpty(Mono.error(RoleProblems::ownRoles))
			.then(this.keycloak.findUser(userId))
			.switchIfEmpty(Mono.error(RoleProblems::unknownUser));
	}

	private Mono<Boolean> locked(Mono<Boolean> change) {
		return this.transactions.transactional(this.mirror.lockRoleChanges().then(change));
	}

	private Mono<List<String>> rolesOf(String userId) {
		return this.keycloak.realmRoles(userId);
	}

	private Mono<Void> notLastAdmin(String userId, String role) {
		if (!Roles.ADMIN.equals(role)) {
			return Mono.empty();
		}
		return this.keycloak.roleMembers(Roles.ADMIN)
			.filter((admins) -> admins.stream().anyMatch((admin) -> admin.enabled() && !admin.id().equals(userId)))
			.switchIfEmpty(Mono.error(RoleProblems::lastAdmin))
			.then();
	}

	private Mono<Void> recordGrant(Caller caller, KeycloakUser user, String role) {
		Instant now = this.clock.instant();
		return this.mirror.add(user.id(), role, caller.id(), now)
			.then(this.audit.record(caller.id(), "role.granted", "user/" + user.id(), details(caller, user, role)))
			.then(this.outbox.append(Topics.AUTH_ROLE_EVENTS, user.id(), EventTypes.ROLE_GRANTED,
					new RoleGranted(user.id(), user.username(), role, caller.id(), now)))
			.then();
	}

	private Mono<Void> recordRevoke(Caller caller, KeycloakUser user, String role) {
		Instant now = this.clock.instant();
		return this.mirror.remove(user.id(), role)
			.then(this.audit.record(caller.id(), "role.revoked", "user/" + user.id(), details(caller, user, role)))
			.then(this.outbox.append(Topics.AUTH_ROLE_EVENTS, user.id(), EventTypes.ROLE_REVOKED,
					new RoleRevoked(user.id(), user.username(), role, caller.id(), now)))
			.then();
	}

	private static Map<String, String> details(Caller caller, KeycloakUser user, String role) {
		Map<String, String> details = new HashMap<>();
		details.put("role", role);
		details.put("username", user.username());
		details.put("actorUsername", caller.username());
		return details;
	}

	/**
	 * The Keycloak side of one change, run last inside the transaction. If anything fails
	 * after Keycloak applied it (the commit), it is undone so that Keycloak and the
	 * mirror do not diverge.
	 */
	private static final class KeycloakChange {

		private final Mono<Void> change;

		private final Mono<Void> undo;

		private final AtomicBoolean applied = new AtomicBoolean();

		KeycloakChange(Mono<Void> change, Mono<Void> undo) {
			this.change = change;
			this.undo = undo;
		}

		Mono<Boolean> apply() {
			return this.change.doOnSuccess((done) -> this.applied.set(true)).thenReturn(true);
		}

		Mono<Boolean> undoIfApplied(Throwable cause) {
			if (!this.applied.get()) {
				return Mono.error(cause);
			}
			log.warn("Role change failed after Keycloak applied it, undoing: {}", cause.toString());
			return this.undo.onErrorResume((ex) -> {
				log.error("Could not undo a role change in Keycloak; reconciliation will mirror Keycloak", ex);
				return Mono.empty();
			}).then(Mono.error(cause));
		}

	}

}
