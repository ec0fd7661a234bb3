/**
 * feedback-service: what users tell us about the app and its AI answers, and its triage
 * by moderators. Owns the {@code feedback} database and publishes
 * {@code feedback.events.v1}.
 */
@NullMarked
package com.xorstack.feedback;

import org.jspecify.annotations.NullMarked;
