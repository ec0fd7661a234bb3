package com.xorstack.auth.roles;

import java.time.Instant;
import java.time.ZoneOffset;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** {@code user_roles}: the mirror of the realm-role assignments Keycloak holds. */
@Repository
class UserRolesRepository {

	private final DatabaseClient db;

	UserRolesRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Keeps the first grant's author and time when the row is there already. */
	Mono<Void> add(String userId, String role, String grantedBy, Instant grantedAt) {
		return this.db
			.sql("insert into user_roles (user_id, role, granted_by, granted_at) values (:user, :role, :by, :at)"
					+ " on conflict (user_id, role) do nothing")
			.bind("user", userId)
			.bind("role", role)
			.bind("by", grantedBy)
			.bind("at", grantedAt.atOffset(ZoneOffset.UTC))
			.then();
	}

	Mono<Void> remove(String userId, String role) {
		return this.db.sql("delete from user_roles where user_id = :user and role = :role")
			.bind("user", userId)
			.bind("role", role)
			.then();
	}

	Flux<UserRole> findAll() {
		return this.db.sql("select user_id, role from user_roles")
			.map((row) -> new UserRole(row.get("user_id", String.class), row.get("role", String.class)))
			.all();
	}

	Mono<String> grantedBy(String userId, String role) {
		return this.db.sql("select granted_by from user_roles where user_id = :user and role = :role")
			.bind("user", userId)
			.bind("role", role)
			.map((row) -> row.get("granted_by", String.class))
			.one();
	}

	/**
	 * Serialises role changes across threads and instances until the transaction ends, so
	 * that two admins demoting each other at once cannot both pass the last-admin check.
	 */
	Mono<Void> lockRoleChanges() {
		return this.db.sql("select pg_advisory_xact_lock(:lock)").bind("lock", 0x0a07_4201_e5L).then();
	}

}
