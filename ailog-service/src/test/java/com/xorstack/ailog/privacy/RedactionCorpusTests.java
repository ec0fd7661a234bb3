package com.xorstack.ailog.privacy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.xorstack.ailog.privacy.RedactionCorpus.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redactor on the whole privacy corpus: no identifier of any type survives, and the
 * clinical text comes back as it was. The same corpus runs through the three ingest paths
 * in {@code CorpusIngestIntegrationTests}.
 */
class RedactionCorpusTests {

	private final Redactor redactor = Redactor.withDefaults();

	@Test
	void noIdentifierSurvivesAndClinicalTextStays() {
		List<RedactionCorpus.Case> cases = RedactionCorpus.cases();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
		List<Outcome> outcomes = RedactionCorpus.evaluate(cases, (item) -> this.redactor.preview(item.text()));
		String report = RedactionCorpus.report("redactor", outcomes);
		System.out.println(report);
		assertThat(outcomes.stream().filter((outcome) -> !outcome.clean()).map((outcome) -> outcome.item().id()))
			.as(report)
			.isEmpty();
	}

	/**
	 * The held-out corpus, written without sight of the rules, measures how they do on
	 * text they were not tuned on: its share of clean cases must not fall below what
	 * docs/PRIVACY.md reports.
	 */
	@Test
	void theHeldOutCorpusStaysAsCleanAsDocumented() {
		List<Outcome> outcomes = RedactionCorpus.evaluate(RedactionCorpus.cases("/privacy/holdout.json"),
				(item) -> this.redactor.preview(item.text()));
		String report = RedactionCorpus.report("holdout", outcomes);
		System.out.println(report);
		assertThat(outcomes.stream().filter(Outcome::clean).count()).as(report).isGreaterThanOrEqualTo(229);
	}

}
