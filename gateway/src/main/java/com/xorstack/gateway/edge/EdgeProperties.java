package com.xorstack.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody the largest request body, counted as it streams in, so a chunked
 * body without {@code Content-Length} is held to it too
 * @param corsAllowedOrigins the origins of the single-page apps that may call the API
 * with credentials; {@code *} is refused at start
 * @param idleTimeout how long a connection may wait for its next request before it is
 * closed
 * @param readTimeout how long a request's body may pause before the connection is closed:
 * a client that declares a body and never sends it (or sends it a byte at a time) holds
 * no connection longer, even after its early 413
 */
@ConfigurationProperties("xorstack.gateway.edge")
record EdgeProperties(@DefaultValue("4MB") DataSize maxRequestBody, @DefaultValue List<String> corsAllowedOrigins,
		@DefaultValue("60s") Duration idleTimeout, @DefaultValue("20s") Duration readTimeout) {

	EdgeProperties {
		if (corsAllowedOrigins.stream().anyMatch((origin) -> origin.contains("*"))) {
			throw new IllegalArgumentException("xorstack.gateway.edge.cors-allowed-origins must list origins;"
					+ " a wildcard with credentials would let any site call the API as the user");
		}
	}

}
