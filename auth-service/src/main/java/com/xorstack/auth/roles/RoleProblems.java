package com.xorstack.auth.roles;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import com.xorstack.platform.security.Roles;
import com.xorstack.platform.web.InvalidParameterException;

/** The refusals of a role change, as problem responses. */
final class RoleProblems {

	private RoleProblems() {
	}

	/** Only a person's roles are grantable; {@code ingest} is for service accounts. */
	static String checkGrantable(String role) {
		if (Roles.INGEST.equals(role)) {
			throw new InvalidParameterException("role", "is for service accounts only and never granted to a person");
		}
		if (!Roles.PERSON_ROLES.contains(role)) {
			throw new InvalidParameterException("role", "must be one of user, moderator, admin");
		}
		return role;
	}

	static ErrorResponseException ownRoles() {
		return problem(HttpStatus.FORBIDDEN, "Forbidden", "Nobody can change their own roles; ask another admin.");
	}

	static ErrorResponseException lastAdmin() {
		return problem(HttpStatus.CONFLICT, "Last admin",
				"This user is the last admin; grant admin to someone else first.");
	}

	static ErrorResponseException unknownUser() {
		return problem(HttpStatus.NOT_FOUND, "Not Found", "No such user.");
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
