/**
 * The event contract, published: the JSON Schema of every event the suite produces or
 * accepts, as the platform jar holds them, for the teams that write producers (edge
 * functions, app backends) and consumers.
 */
@NullMarked
package com.xorstack.gateway.schemas;

import org.jspecify.annotations.NullMarked;
