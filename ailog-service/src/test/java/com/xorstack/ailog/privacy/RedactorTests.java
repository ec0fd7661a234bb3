package com.xorstack.ailog.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTests {

	private final Redactor redactor = new Redactor(PrivacyProperties.defaults(), JsonMapper.shared(),
			Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC));

	private String redact(String text) {
		return this.redactor.preview(text);
	}

	@Test
	void emailAddressesAreRedactedAlsoWhenWrittenOut() {
		assertThat(redact("Write to jane.doe+care@clinic.example.org today")).isEqualTo("Write to [EMAIL] today");
		assertThat(redact("Mail jane(at)klinik.de or jane [at] example [dot] org."))
			.isEqualTo("Mail [EMAIL] or [EMAIL].");
		assertThat(redact("Reach me: jane dot doe at example dot com")).isEqualTo("Reach me: [EMAIL]");
	}

	@Test
	void phoneNumbersInTheirUsualSpellingsAreRedacted() {
		assertThat(redact("Call +44 20 7946 0958 or (555) 123-4567 or 555.123.4567."))
			.isEqualTo("Call [PHONE] or [PHONE] or [PHONE].");
		assertThat(redact("Tel. 030/1234567, 555/123/4567, 0176 12345678")).isEqualTo("Tel. [PHONE], [PHONE], [PHONE]");
		assertThat(redact("Fax: +49 30 1234568")).isEqualTo("Fax: [FAX]");
	}

	@Test
	void hiddenSeparatorsAndFullWidthDigitsAreSeenThrough() {
		assertThat(redact("Call 555\u200b123\u200b4567 now")).isEqualTo("Call [PHONE] now");
		assertThat(redact("SSN \uff11\uff12\uff13-\uff14\uff15-\uff16\uff17\uff18\uff19")).isEqualTo("SSN [SSN]");
	}

	@Test
	void datesLoseAllButTheYear() {
		assertThat(redact("born 03/12/1984")).isEqualTo("born [DATE] 1984");
		assertThat(redact("DOB 3/12/84, seen 12 March 1984 and March 12th, 1984"))
			.isEqualTo("DOB [DATE], seen [DATE] 1984 and [DATE] 1984");
		assertThat(redact("geb. am 12. März 1984, aufgenommen am 3.4."))
			.isEqualTo("geb. am [DATE] 1984, aufgenommen am [DATE]");
		assertThat(redact("admitted 2024-03-12")).isEqualTo("admitted [DATE] 2024");
		assertThat(redact("born 12.03.1930")).isEqualTo("born [DATE]");
	}

	@Test
	void namesAreFoundByTitlesCuesAndDictionaries() {
		assertThat(redact("Mrs. Jane Doe and Dr. Alan Grant")).isEqualTo("Mrs. [NAME] and Dr. [NAME]");
		assertThat(redact("Frau Erika Mustermann und Herr Dr. med. Klaus Weber"))
			.isEqualTo("Frau [NAME] und Herr Dr. med. [NAME]");
		assertThat(redact("Patient Smith said my name is Lukas Becker."))
			.isEqualTo("Patient [NAME] said my name is [NAME].");
		assertThat(redact("Jennifer reported chest pain. Doe, John was seen."))
			.isEqualTo("[NAME] reported chest pain. [NAME], [NAME] was seen.");
	}

	@Test
	void eponymsAndWordsThatAreAlsoNamesStay() {
		String clinical = "Parkinson's disease and Hashimoto-Thyreoiditis; Will you take Max dose? Grace period.";
		assertThat(redact(clinical)).isEqualTo(clinical);
	}

	@Test
	void identifiersAfterTheirCuesAreRedacted() {
		assertThat(redact("MRN#A12345, Patient ID P-99812, medical record number 44821"))
			.isEqualTo("MRN#[ID], Patient ID [ID], medical record number [ID]");
		assertThat(redact("Patientennummer 2024-00817")).isEqualTo("Patientennummer [ID]");
	}

	@Test
	void addressesAreRedacted() {
		assertThat(redact("Lives at 742 Evergreen Terrace, Springfield.")).isEqualTo("Lives at [ADDRESS].");
		assertThat(redact("Hauptstraße 12, 10115 Berlin")).isEqualTo("[ADDRESS]");
		assertThat(redact("San Francisco, CA 94110")).isEqualTo("[LOCATION], [ADDRESS]");
	}

	@Test
	void networkAddressesAndUrlsAreRedacted() {
		assertThat(redact("from 192.168.1.20, ::1, fe80::1 and 2001:db8::7"))
			.isEqualTo("from [IP], [IP], [IP] and [IP]");
		assertThat(redact("IP 10.1 and https://portal.example.org/patients/8812 or www.example.com/u/jdoe"))
			.isEqualTo("IP [IP] and [URL] or [URL]");
	}

	@Test
	void clinicalValuesStay() {
		String clinical = "Fasting glucose 98 mg/dL, BP 120/80 mmHg, take 1/2 tablet at 08:00 and 20:00, "
				+ "HbA1c 6,8 %, 10000 steps, since 2019, E11.9, COVID-19, vitamin B12, 2 x 500 mg, 75 mg/m\u00b2.";
		assertThat(redact(clinical)).isEqualTo(clinical);
		String readings = "Readings: " + "98, 102, 110, 95, ".repeat(50);
		assertThat(this.redactor.text(readings, 10_000)).isEqualTo(readings);
		String spaced = "Readings: " + "98 102 110 95 ".repeat(50);
		assertThat(this.redactor.text(spaced, 10_000)).isEqualTo(spaced);
	}

	@Test
	void jsonIsRedactedByItsStructureInAnyCaseStyle() {
		assertThat(redact("{\"patient_name\": \"Jane Doe\", \"glucose\": 98, \"PATIENT-ID\": \"P-1\"}"))
			.isEqualTo("{\"patient_name\": \"[NAME]\", \"glucose\": 98, \"PATIENT-ID\": \"[ID]\"}");
		assertThat(redact("Summary: {\"medications\": [{\"name\": \"Metformin\"}], \"Vorname\": \"Erika\"} ok"))
			.isEqualTo("Summary: {\"medications\": [{\"name\": \"Metformin\"}], \"Vorname\": \"[NAME]\"} ok");
	}

	@Test
	void fieldsInProseAreRedactedInAnyCaseStyle() {
		assertThat(redact("patient_name: Jane Doe; DOB=1980-01-02, ok"))
			.isEqualTo("patient_name: [NAME]; DOB=[DATE] 1980, ok");
		assertThat(redact("Drug name: Metformin")).isEqualTo("Drug name: Metformin");
	}

	@Test
	void idsKeepTheirCodesButLosePersonalIdentifiers() {
		assertThat(this.redactor.id("user-4821")).isEqualTo("user-4821");
		assertThat(this.redactor.id("123e4567-e89b-12d3-a456-426614174000"))
			.isEqualTo("123e4567-e89b-12d3-a456-426614174000");
		assertThat(this.redactor.id("jane.doe@example.com")).isEqualTo("[EMAIL]");
	}

	@Test
	void onlyAllowListedAttributesAreKeptAndContentOnlyWhenEnabled() {
		Map<String, String> attributes = Map.of("region", "eu", "gen_ai.prompt", "Jane Doe asks", "custom", "x",
				"gen_ai.request.temperature", "0.2");
		assertThat(this.redactor.attributes(attributes)).containsOnlyKeys("region", "gen_ai.request.temperature");
		Redactor capturing = new Redactor(PrivacyProperties.defaults().withCaptureContent(true), JsonMapper.shared(),
				Clock.systemUTC());
		assertThat(capturing.attributes(attributes)).containsEntry("gen_ai.prompt", "[NAME] asks")
			.doesNotContainKey("custom");
	}

	@Test
	void thePreviewIsCutAt500CharactersAfterRedaction() {
		String preview = "a".repeat(495) + " x@y.com " + "b".repeat(100);
		assertThat(redact(preview)).hasSize(500).startsWith("a".repeat(495) + " [EMA").doesNotContain("x@y");
		assertThat(redact("a".repeat(499) + "\uD83D\uDE00" + "tail")).hasSize(499);
		assertThat(redact(null)).isNull();
	}

}
