/**
 * OpenAPI documents of the services, served by each and gathered by the gateway's Swagger
 * UI.
 */
@NullMarked
package com.xorstack.platform.apidocs;

import org.jspecify.annotations.NullMarked;
