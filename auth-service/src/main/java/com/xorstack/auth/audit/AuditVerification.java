package com.xorstack.auth.audit;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/admin/audit/verify}: whether every row links to the one
 * before it and hashes to its stored hash; {@code checked} counts the rows read up to and
 * including the first broken one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditVerification(boolean valid, long checked, @Nullable UUID firstBrokenId) {

	/** Walks the chain one row at a time. */
	static final class Walk {

		private String expectedPrev;

		private long checked;

		private @Nullable UUID firstBroken;

		/**
		 * @param start the hash the first row must link to: genesis, or the anchor
		 * retention left
		 */
		Walk(String start) {
			this.expectedPrev = start;
		}

		/** Answers false once a broken row was found, to stop the walk. */
		boolean accept(AuditRow row) {
			this.checked++;
			if (!row.prevHash().equals(this.expectedPrev) || !row.hash().equals(row.computeHash())) {
				this.firstBroken = row.id();
				return false;
			}
			this.expectedPrev = row.hash();
			return true;
		}

		AuditVerification result() {
			return new AuditVerification(this.firstBroken == null, this.checked, this.firstBroken);
		}

	}

}
