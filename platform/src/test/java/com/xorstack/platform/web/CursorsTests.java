package com.xorstack.platform.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorsTests {

	@Test
	void cursorRoundTrips() {
		Instant time = Instant.parse("2026-11-25T10:15:30.123456Z");
		UUID id = UUID.randomUUID();
		assertThat(Cursors.decode(Cursors.encode(time, id))).isEqualTo(new Cursors.Position(time, id));
	}

	@Test
	void garbageCursorIsAClientErrorNamingTheParameter() {
		for (String garbage : List.of("not-a-cursor", "", "%%%", "MjAyNnx4")) {
			assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> Cursors.decode(garbage))
				.satisfies(
						(ex) -> assertThat(ex.getBody().getProperties().get("errors").toString()).contains("cursor"));
		}
	}

	@Test
	void limitOutsideOneTo200IsRejected() {
		assertThat(Cursors.limit(200)).isEqualTo(200);
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> Cursors.limit(0));
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> Cursors.limit(201));
	}

	@Test
	void pageHasACursorOnlyWhenMoreRowsExist() {
		Page<String> last = Page.of(List.of("a", "b"), 2, (row) -> row);
		assertThat(last.nextCursor()).isNull();
		Page<String> more = Page.of(List.of("a", "b", "c"), 2, (row) -> row);
		assertThat(more.items()).containsExactly("a", "b");
		assertThat(more.nextCursor()).isEqualTo("b");
	}

	@Test
	void problemTextIsEscapedAsJson() {
		assertThat(ProblemResponses.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
	}

}
