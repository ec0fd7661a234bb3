/**
 * Cross-cutting set-up of ailog-service: security with the shared role table and problem
 * responses.
 */
@NullMarked
package com.xorstack.ailog.system;

import org.jspecify.annotations.NullMarked;
