/**
 * Cross-cutting set-up of the gateway: security with the shared role table.
 */
@NullMarked
package com.xorstack.gateway.system;

import org.jspecify.annotations.NullMarked;
