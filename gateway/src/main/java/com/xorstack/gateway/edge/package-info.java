/**
 * What the gateway does to every request before it is routed and to every response on its
 * way out: body size limits that also hold for chunked bodies, CORS from an allow-list,
 * and the security headers of an API.
 */
@NullMarked
package com.xorstack.gateway.edge;

import org.jspecify.annotations.NullMarked;
