package com.xorstack.auth.roles;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.platform.web.Cursors;
import com.xorstack.platform.web.Page;

/**
 * Users and their roles, for admins only (the shared role table guards
 * {@code /api/admin/**}). Granting a held role or revoking one not held answers 204 like
 * a change does, so that a client may retry freely; only a real change is audited and
 * published.
 */
@RestController
class RoleController {

	private final UserDirectory users;

	private final RoleService roles;

	RoleController(UserDirectory users, RoleService roles) {
		this.users = users;
		this.roles = roles;
	}

	@GetMapping("/api/admin/users")
	Mono<Page<UserSummary>> list(@RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
		return this.users.search(q, cursor, Cursors.limit(limit));
	}

	@PutMapping("/api/admin/users/{id}/roles/{role}")
	Mono<ResponseEntity<Void>> grant(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@PathVariable String role) {
		return this.roles.grant(Caller.of(token), id, role).thenReturn(ResponseEntity.noContent().build());
	}

	@DeleteMapping("/api/admin/users/{id}/roles/{role}")
	Mono<ResponseEntity<Void>> revoke(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@PathVariable String role) {
		return this.roles.revoke(Caller.of(token), id, role).thenReturn(ResponseEntity.noContent().build());
	}

}
