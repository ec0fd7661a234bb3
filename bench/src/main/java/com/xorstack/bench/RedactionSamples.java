package com.xorstack.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Texts for {@link RedactionBench}: AI answers like those of the privacy corpus
 * (ailog-service's test resource {@code privacy/corpus.json}, which is not on this class
 * path), and texts of {@code Redactor.MAX_INPUT} characters built to make a detector work
 * hard.
 */
final class RedactionSamples {

	private static final int SIZE = 8192;

	static final List<String> ADVERSARIAL_NAMES = List.of("digits, single spaces", "digits, mixed separators", "a...a@",
			"a.a.a...@ and @ every 2 chars", "brackets [[[...]]]", "nested JSON {\"a\":{\"a\":...", "capitalised words",
			"dates and phone numbers");

	private RedactionSamples() {
	}

	static List<String> corpusLike() {
		return List.of("Mrs. Jane Doe, your fasting glucose of 98 mg/dL is in range.",
				"Dr. Alan Grant reviewed your latest ECG: sinus rhythm at 72 bpm, no signs of ischemia.",
				"Your date of birth is 03/12/1984, so you are due for colorectal cancer screening.",
				"Mailing address: 1600 Pennsylvania Ave NW, Washington, DC 20500. Your test kit ships in 3-5 business days.",
				"Call us at (555) 123-4567 if your glucose stays above 300 mg/dL.",
				"We've sent your lab report to jane.doe@example.com.", "SSN 219-09-9999 is on file for billing.",
				"Member ID XJH123456789 - your plan covers continuous glucose monitors.",
				"Card 4111 1111 1111 1111 was charged $25 for the telehealth visit.",
				"VIN 1HGCM82633A004352 is registered for your disability parking permit.",
				"View your results at https://portal.example.org/patients/8812",
				"Your device at 203.0.113.45 synced 12 readings.",
				"Your fasting glucose was 98 mg/dL and your HbA1c 5.6 %, both within the normal range."
						+ " Keep up the 30-minute walks after dinner.",
				"Blood pressure today: 120/80 mmHg, pulse 68 bpm. That is a great reading.",
				"Frau Erika Mustermann, Ihr Nüchternblutzucker von 98 mg/dl liegt im Normbereich.",
				"Herr Lukas Becker, geb. 12.03.1984, Versichertennummer A123456780, Tel. 0176 12345678,"
						+ " wohnhaft Hauptstraße 12, 10115 Berlin – HbA1c 6,8 %.",
				"Ihr nächster Termin: Dienstag, 7. Januar 2025, 10:30 Uhr in der Kardiologie.",
				"{\"patientName\": \"Jane Doe\", \"riskScore\": 0.18, \"recommendation\": \"Repeat lipid panel in 12 weeks\"}",
				"{\"patient\": {\"name\": \"Jane Doe\", \"contacts\": [{\"type\": \"phone\", \"value\": \"+1-555-123-4567\"},"
						+ " {\"type\": \"email\", \"value\": \"jane.doe@example.com\"}], \"address\": {\"line1\":"
						+ " \"742 Evergreen Terrace\", \"city\": \"Springfield\", \"zip\": \"97403\"}},"
						+ " \"summary\": \"LDL 130 mg/dl\"}",
				"Summary of today's check-in: sleep 6.5 h, mood 7/10, no chest pain.\nsigned: Anna Schmidt, RN");
	}

	static List<String> adversarial() {
		SplittableRandom random = new SplittableRandom(7);
		String[] separators = { "-", ".", "/", " ", "(", ")", "+" };
		return List.of(repeat((i) -> random.nextInt(10) + " "),
				repeat((i) -> random.nextInt(10) + separators[random.nextInt(separators.length)]),
				"a".repeat(SIZE - 1) + "@", repeat((i) -> (i % 2 == 0) ? "a." : "@"),
				"[".repeat(SIZE / 2) + "]".repeat(SIZE / 2), repeat((i) -> "{\"a\":"),
				repeat((i) -> (i % 2 == 0) ? "Anna " : "Maria "),
				repeat((i) -> (i % 2 == 0) ? "12.03.1984 " : "+1 (555) 123-4567 "));
	}

	/** Pieces appended until the text is exactly {@value #SIZE} characters long. */
	private static String repeat(IntFunction<String> piece) {
		StringBuilder text = new StringBuilder(SIZE + 32);
		for (int i = 0; text.length() < SIZE; i++) {
			text.append(piece.apply(i));
		}
		return text.substring(0, SIZE);
	}

}
