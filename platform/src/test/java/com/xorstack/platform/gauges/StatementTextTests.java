package com.xorstack.platform.gauges;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a statement's text may carry out of the service: no literal of any kind. */
class StatementTextTests {

	@Test
	void everyLiteralBecomesAPlaceholder() {
		StatementText text = StatementText.of("select * from user_feedback where user_id = 'jane.doe@example.com'"
				+ " and rating >= 4 and score < -1.5e3 and note = E'it\\'s' and flag = true and body = $$Mr. X$$"
				+ " and t = $tag$123-45-6789$tag$ and created_at > now() - interval '30 days'");
		assertThat(text.text()).isEqualTo("select * from user_feedback where user_id = ? and rating >= ?"
				+ " and score < -? and note = ? and flag = ? and body = ? and t = ? and created_at > now() - interval ?");
	}

	@Test
	void bindMarkersAndTheirListsAreOnePlaceholderList() {
		StatementText three = StatementText.of("select id from ai_logs where id in ($1, $2, $3) limit $4");
		StatementText one = StatementText.of("select id from ai_logs where id in ($1) limit $2");
		assertThat(three.text()).isEqualTo("select id from ai_logs where id in (?, ...) limit ?");
		assertThat(one.text()).isEqualTo("select id from ai_logs where id in (?) limit ?");
	}

	@Test
	void commentsGoAndNamesStay() {
		StatementText text = StatementText.of("""
				-- patient 4711
				select "Name", t1.col2 /* mrn 12345 */ from t1
				""");
		assertThat(text.text()).isEqualTo("select \"Name\", t1.col2 from t1");
	}

	@Test
	void theSameStatementWithOtherLiteralsHasTheSameShortHash() {
		StatementText first = StatementText.of("select 1 from t where name = 'Ann'");
		StatementText second = StatementText.of("select  2 from t\nwhere name = 'Bob'");
		assertThat(first).isEqualTo(second);
		assertThat(first.hash()).matches("[0-9a-f]{12}");
		assertThat(StatementText.of("select 1 from u").hash()).isNotEqualTo(first.hash());
	}

	@Test
	void longTextIsCutToALabelValueButHashedWhole() {
		String columns = "a, ".repeat(150);
		StatementText first = StatementText.of("select " + columns + "x from t");
		StatementText second = StatementText.of("select " + columns + "y from t");
		assertThat(first.text()).hasSize(StatementText.MAX_LENGTH).endsWith("…");
		assertThat(first.text()).isEqualTo(second.text());
		assertThat(first.hash()).isNotEqualTo(second.hash());
	}

}
