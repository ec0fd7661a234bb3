/**
 * What the REST ingest endpoints share: one event or {@code {events: [...]}} in, each
 * item read and validated on its own, and {@code 202} with per-item rejections out.
 */
@NullMarked
package com.xorstack.metrics.ingest;

import org.jspecify.annotations.NullMarked;
