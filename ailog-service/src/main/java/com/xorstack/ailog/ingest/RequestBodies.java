package com.xorstack.ailog.ingest;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads a whole request body up to a limit of its own, past the codecs' small default: a
 * batch of 1000 events is megabytes. A larger body fails with
 * {@code DataBufferLimitException}, which the problem advice answers with 413.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	public static Mono<byte[]> read(ServerWebExchange exchange, DataSize limit) {
		return DataBufferUtils.join(exchange.getRequest().getBody(), (int) limit.toBytes())
			.map(RequestBodies::bytes)
			.defaultIfEmpty(new byte[0]);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
