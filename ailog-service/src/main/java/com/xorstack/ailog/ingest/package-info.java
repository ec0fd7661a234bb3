/**
 * Ingest of AI-call logs: one validation and one redaction for the three ways in (Kafka
 * {@code ailog.ingest.v1}, {@code POST /api/ai-logs}, OTLP spans), stored exactly once
 * with its {@code ailog.recorded.v1} event in the same statement.
 */
@NullMarked
package com.xorstack.ailog.ingest;

import org.jspecify.annotations.NullMarked;
