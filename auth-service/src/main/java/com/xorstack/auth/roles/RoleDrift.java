package com.xorstack.auth.roles;

import java.util.List;

/**
 * What a reconciliation found: assignments Keycloak holds that the mirror lacked (now
 * added) and mirror rows Keycloak does not hold (now removed).
 */
record RoleDrift(List<UserRole> added, List<UserRole> removed) {

	boolean none() {
		return this.added.isEmpty() && this.removed.isEmpty();
	}

}
