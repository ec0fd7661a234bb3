package com.xorstack.ailog.ingest;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTests {

	private final Redactor redactor = new Redactor(List.of("patientName", "dob"));

	@Test
	void emailAddressesAreRedacted() {
		assertThat(this.redactor.redact("Write to jane.doe+care@clinic.example.org today"))
			.isEqualTo("Write to [EMAIL] today");
	}

	@Test
	void phoneNumbersInTheirUsualSpellingsAreRedacted() {
		assertThat(this.redactor.redact("Call +44 20 7946 0958 or (555) 123-4567 or 555.123.4567."))
			.isEqualTo("Call [PHONE] or [PHONE] or [PHONE].");
	}

	@Test
	void longDigitRunsAreRedactedButShortNumbersStay() {
		assertThat(this.redactor.redact("MRN 884213, take 2 tablets of 500 mg"))
			.isEqualTo("MRN [NUMBER], take 2 tablets of 500 mg");
	}

	@Test
	void valuesOfConfiguredFieldsAreRedactedInJsonAndInProse() {
		assertThat(this.redactor.redact("{\"patientName\": \"Jane Doe\", \"dose\": \"5 mg\"}"))
			.isEqualTo("{\"patientName\": [REDACTED], \"dose\": \"5 mg\"}");
		assertThat(this.redactor.redact("PatientName: Jane Doe; DOB=1980-01-02, ok"))
			.isEqualTo("PatientName: [REDACTED]; DOB=[REDACTED], ok");
	}

	@Test
	void thePreviewIsCutAt500CharactersAfterRedaction() {
		String preview = "a".repeat(495) + " x@y.com " + "b".repeat(100);
		String redacted = this.redactor.redact(preview);
		assertThat(redacted).hasSize(500).startsWith("a".repeat(495) + " [EMA").doesNotContain("x@y");
	}

	@Test
	void aCutNeverSplitsASurrogatePair() {
		String preview = "a".repeat(499) + "\uD83D\uDE00" + "tail";
		assertThat(this.redactor.redact(preview)).hasSize(499);
	}

	@Test
	void nothingToRedactLeavesTheTextAsItWas() {
		assertThat(this.redactor.redact("Drink water and rest for 2 days."))
			.isEqualTo("Drink water and rest for 2 days.");
		assertThat(this.redactor.redact(null)).isNull();
	}

}
