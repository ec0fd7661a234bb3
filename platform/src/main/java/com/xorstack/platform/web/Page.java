package com.xorstack.platform.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list answer: {@code {"items": [...], "nextCursor": "..."}}, with no
 * {@code nextCursor} on the last page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, @Nullable String nextCursor) {

	public static final int MAX_LIMIT = 200;

	/**
	 * Builds a page from rows fetched with {@code limit + 1}: the extra row only says
	 * that there is more, and the cursor points after the last row shown.
	 */
	public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, String> cursorOf) {
		if (rowsPlusOne.size() <= limit) {
			return new Page<>(rowsPlusOne, null);
		}
		List<T> items = rowsPlusOne.subList(0, limit);
		return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
	}

}
