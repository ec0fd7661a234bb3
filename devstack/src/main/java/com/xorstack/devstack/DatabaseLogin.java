package com.xorstack.devstack;

/**
 * A user name and password to log in to PostgreSQL with.
 *
 * @param user the role
 * @param password its password, empty where the server trusts loopback
 */
public record DatabaseLogin(String user, String password) {

	@Override
	public String toString() {
		// a login ends up in test failure messages and logs; its password must not
		return "DatabaseLogin[user=" + this.user + "]";
	}

}
