/**
 * {@code GET /api/me}: the signed-in caller as the token tells it.
 */
@NullMarked
package com.xorstack.auth.me;

import org.jspecify.annotations.NullMarked;
