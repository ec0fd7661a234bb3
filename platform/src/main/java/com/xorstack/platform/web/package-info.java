/**
 * RFC 9457 problem responses written outside a controller: from security handlers and
 * filters that run before any {@code @ControllerAdvice} sees the request.
 */
@NullMarked
package com.xorstack.platform.web;

import org.jspecify.annotations.NullMarked;
