package com.xorstack.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody the largest request body, counted as it streams in, so a chunked
 * body without {@code Content-Length} is held to it too
 * @param corsAllowedOrigins the origins of the single-page apps that may call the API
 * with credentials; {@code *} is refused at start
 */
@ConfigurationProperties("xorstack.gateway.edge")
record EdgeProperties(@DefaultValue("4MB") DataSize maxRequestBody, @DefaultValue List<String> corsAllowedOrigins) {

	EdgeProperties {
		if (corsAllowedOrigins.stream().anyMatch((origin) -> origin.contains("*"))) {
			throw new IllegalArgumentException("xorstack.gateway.edge.cors-allowed-origins must list origins;"
					+ " a wildcard with credentials would let any site call the API as the user");
		}
	}

}
