/**
 * OTLP/HTTP trace ingest ({@code POST /v1/traces}, protobuf or JSON): spans that carry
 * {@code gen_ai.*} attributes become AI-log records, so an OpenTelemetry-instrumented
 * edge function can send its spans unchanged. Other spans are ignored.
 */
@NullMarked
package com.xorstack.ailog.otlp;

import org.jspecify.annotations.NullMarked;
