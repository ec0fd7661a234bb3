/**
 * Ingest of AI-call logs: one validation and one redaction for the three ways in (Kafka
 * {@code ailog.ingest.v1}, {@code POST /api/ai-logs}, OTLP spans), stored exactly once
 * and announced on {@code ailog.recorded.v1} before the batch is acknowledged.
 */
@NullMarked
package com.xorstack.ailog.ingest;

import org.jspecify.annotations.NullMarked;
