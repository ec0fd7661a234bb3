/**
 * Triage: moderators and admins list, search and read all feedback, move it through
 * pending, reviewed and resolved, and see how much is open. Every change is optimistic
 * ({@code ETag}/{@code If-Match}), kept in the triage history, and leaves through the
 * outbox as {@code com.xorstack.feedback.triaged.v1} and an audit event in the same
 * transaction.
 */
@NullMarked
package com.xorstack.feedback.triage;

import org.jspecify.annotations.NullMarked;
