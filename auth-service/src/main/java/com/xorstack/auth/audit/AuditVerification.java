package com.xorstack.auth.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/admin/audit/verify}: whether every row links to the one
 * before it, hashes (keyed from the first keyed row on) to its stored hash, and the chain
 * reaches the head anchored outside the database. {@code checked} counts the rows read up
 * to and including the first broken one, which {@code firstBrokenId} and
 * {@code firstBrokenSeq} name; when the newest rows were cut off there is no row to name,
 * and {@code lastIntactSeq} with {@code problem} say where the chain ends and which
 * anchored entry is missing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditVerification(boolean valid, long checked, @Nullable UUID firstBrokenId, @Nullable Long firstBrokenSeq,
		@Nullable Long lastIntactSeq, @Nullable String problem, @Nullable AuditChainHead anchoredHead,
		List<String> warnings) {

	/** Walks the chain one row at a time. */
	static final class Walk {

		private final AuditChainKeys keys;

		private final @Nullable AuditChainHead head;

		private final List<String> warnings = new ArrayList<>();

		private String expectedPrev;

		private int version = 1;

		private long checked;

		private @Nullable Long lastIntact;

		private boolean headReached;

		private @Nullable AuditRow firstBroken;

		private @Nullable String problem;

		private final @Nullable Long expiredThrough;

		/**
		 * @param start the hash the first row must link to: genesis, or the anchor
		 * retention left
		 * @param head the head anchored outside the database, null when none could be
		 * read
		 * @param expiredThrough the last row retention dropped, by its signed anchor, or
		 * null: a head at or before it expired and cannot be reached
		 */
		Walk(String start, AuditChainKeys keys, @Nullable AuditChainHead head, @Nullable Long expiredThrough) {
			this.expectedPrev = start;
			this.keys = keys;
			this.head = head;
			this.expiredThrough = expiredThrough;
		}

		void warn(String warning) {
			this.warnings.add(warning);
		}

		/** Answers false once a broken row was found, to stop the walk. */
		boolean accept(AuditRow row) {
			this.checked++;
			this.problem = check(row);
			if (this.problem != null) {
				this.firstBroken = row;
				return false;
			}
			this.expectedPrev = row.hash();
			this.version = row.chainVersion();
			this.lastIntact = row.seq();
			this.headReached |= this.head != null && row.seq() == this.head.seq();
			return true;
		}

		private @Nullable String check(AuditRow row) {
			if (!row.prevHash().equals(this.expectedPrev)) {
				return "does not link to the entry before it: an entry before it was deleted, or it was moved";
			}
			Long keyedSince = (this.head != null) ? this.head.keyedSince() : null;
			if (row.chainVersion() < this.version
					|| (row.chainVersion() < 2 && keyedSince != null && row.seq() >= keyedSince)) {
				return "is unkeyed (chain version " + row.chainVersion() + ") where the chain is keyed";
			}
			if (!this.keys.knows(row.chainVersion())) {
				return "has chain version " + row.chainVersion() + ", whose key this service was not given";
			}
			if (!row.hash().equals(row.computeHash(this.keys))) {
				return "does not hash to its stored hash: edited, or its hash recomputed without the chain key";
			}
			if (this.head != null && row.seq() == this.head.seq() && !row.hash().equals(this.head.hash())) {
				return "differs from the head anchored outside the database";
			}
			return null;
		}

		AuditVerification result() {
			AuditRow broken = this.firstBroken;
			if (broken != null) {
				return answer(false, broken.id(), broken.seq(), "Entry seq " + broken.seq() + " " + this.problem);
			}
			if (this.head != null && !this.head.signatureValid(this.keys)) {
				return answer(false, null, null, "The anchored head's signature does not verify with the chain key:"
						+ " it was not published by auth-service");
			}
			boolean headExpired = this.head != null && this.expiredThrough != null
					&& this.head.seq() <= this.expiredThrough;
			if (this.head != null && !this.headReached && !headExpired) {
				return answer(false, null, null,
						"Entries after seq " + this.lastIntact + " are missing: the head anchored outside the database"
								+ " at " + this.head.publishedAt() + " is seq " + this.head.seq() + " (id "
								+ this.head.id() + ")");
			}
			if (this.head == null) {
				this.warnings.add("No head anchored outside the database: newest entries cut off would go unnoticed");
			}
			return answer(true, null, null, null);
		}

		private AuditVerification answer(boolean valid, @Nullable UUID id, @Nullable Long seq,
				@Nullable String problem) {
			return new AuditVerification(valid, this.checked, id, seq, this.lastIntact, problem, this.head,
					List.copyOf(this.warnings));
		}

	}

}
