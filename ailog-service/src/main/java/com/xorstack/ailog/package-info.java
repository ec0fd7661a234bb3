/**
 * ailog-service: the log of every AI call the app makes, ingested from Kafka and REST,
 * stored once, queried and summarised for admins, retained and archived. Owns the
 * {@code ailog} database.
 */
@NullMarked
package com.xorstack.ailog;

import org.jspecify.annotations.NullMarked;
