/**
 * Cross-cutting set-up of auth-service: security with the shared role table and problem
 * responses.
 */
@NullMarked
package com.xorstack.auth.system;

import org.jspecify.annotations.NullMarked;
