/**
 * Submission: a signed-in user tells us about a bug, a wish, a question or an AI answer,
 * and reads back only their own feedback. Every submission leaves as
 * {@code com.xorstack.feedback.submitted.v1} through the outbox.
 */
@NullMarked
package com.xorstack.feedback.submission;

import org.jspecify.annotations.NullMarked;
