package com.xorstack.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors of the form (time, id) for lists ordered newest first. Clients
 * must not parse them; a cursor that does not decode is the client's error, never a 500.
 */
public final class Cursors {

	private Cursors() {
	}

	public static String encode(Instant time, UUID id) {
		String raw = time.toString() + "|" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	public static Position decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int bar = raw.indexOf('|');
			return new Position(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException ex) {
			throw new InvalidParameterException("cursor", "is not a cursor this API issued");
		}
	}

	/** Where a page starts: after this time and id, in descending order. */
	public record Position(Instant time, UUID id) {
	}

	/** Checks a {@code limit} parameter against {@link Page#MAX_LIMIT}. */
	public static int limit(int limit) {
		if (limit < 1 || limit > Page.MAX_LIMIT) {
			throw new InvalidParameterException("limit", "must be between 1 and " + Page.MAX_LIMIT);
		}
		return limit;
	}

}
