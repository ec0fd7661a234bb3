/**
 * The gateway: the one door of the REST API. It validates every bearer token, applies the
 * shared role table, limits request rates per caller and routes to the owning service.
 */
@NullMarked
package com.xorstack.gateway;

import org.jspecify.annotations.NullMarked;
