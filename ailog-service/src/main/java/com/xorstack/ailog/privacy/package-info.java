/**
 * Privacy of what the ingest stores and forwards: the redaction of every free-text field
 * to the standard of docs/PRIVACY.md (the 18 identifier types of the HIPAA Safe Harbor
 * method), the allow-list of event attributes, and the opt-in for OpenTelemetry content
 * attributes. Detection runs on a normalised copy of the text, over tokens, with
 * look-ahead bounded by a constant, so its time is linear in the length of any input.
 */
@NullMarked
package com.xorstack.ailog.privacy;

import org.jspecify.annotations.NullMarked;
