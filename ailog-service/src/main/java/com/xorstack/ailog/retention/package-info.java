/**
 * The life of stored AI logs: daily partitions created ahead, and at the end of the
 * retention period an archive to gzip NDJSON with a manifest, verified before the
 * partition is dropped, and restorable with one command.
 */
@NullMarked
package com.xorstack.ailog.retention;

import org.jspecify.annotations.NullMarked;
