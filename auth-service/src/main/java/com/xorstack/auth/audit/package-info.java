/**
 * The append-only, hash-chained audit log: rows written here for role changes and from
 * {@code audit.events.v1} for the other services' privileged actions, read through
 * {@code GET /api/admin/audit}, and checked link by link through
 * {@code GET /api/admin/audit/verify}.
 */
@NullMarked
package com.xorstack.auth.audit;

import org.jspecify.annotations.NullMarked;
