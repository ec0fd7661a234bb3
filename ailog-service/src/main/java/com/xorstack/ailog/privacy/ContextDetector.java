package com.xorstack.ailog.privacy;

import java.util.Set;

/**
 * Identifiers announced by their context: a value after a word such as "MRN",
 * "Patientennummer", "serial" or "fingerprint" ({@code Patient ID P-99812},
 * {@code medical record number 44821}), and the value of a field named like one of
 * {@link FieldNames} in prose or JSON-like text ({@code patient_name: Jane Doe},
 * {@code "DOB": "1980-01-02"}).
 */
final class ContextDetector implements Detector {

	private static final int MAX_VALUE = 100;

	private static final int MAX_CODE = 40;

	private static final Set<String> FILLER = Set.of("number", "numbers", "no", "nr", "num", "is", "ist", "lautet",
			"of", "the", "der", "die", "das", "des", "template", "hash", "code", "id", "record", "nummer", "scan",
			"print", "ending", "in", "plate", "card", "was", "war", "reads", "lautete", "identifier", "identification",
			"kit", "profile", "sample", "probe", "kennung");

	/**
	 * Names of coding systems: the code after one is a diagnosis or a test, not a
	 * person's.
	 */
	private static final Set<String> CODE_SYSTEMS = Set.of("icd", "hcpcs", "cpt", "loinc", "snomed", "ops", "atc",
			"pzn", "ndc", "rxnorm", "ebm", "drg");

	private static final Set<String> DEVICE_CUES = Set.of("serial", "seriennummer", "sn", "imei", "device", "gerät",
			"geraet", "gerätenummer");

	private static final Set<String> ACCOUNT_CUES = Set.of("account", "konto", "kontonummer", "iban");

	private static final Set<String> SSN_CUES = Set.of("ssn", "svnr", "sozialversicherungsnummer", "steuerid",
			"steueridentifikationsnummer", "sin", "rentenversicherungsnummer");

	private final FieldNames fields;

	ContextDetector(FieldNames fields) {
		this.fields = fields;
	}

	@Override
	public void find(Tokens t, Findings findings) {
		for (int i = 0; i < t.size(); i++) {
			if (t.isPlain(i) || findings.isTaken(i)) {
				continue;
			}
			if (t.has(i, Lexicon.CODE_SYSTEM) && t.isAllCaps(i)) {
				i = Math.max(i, clinicalCode(t, i, findings));
			}
			else if (t.has(i, Lexicon.ID_CUE | Lexicon.BIOMETRIC_CUE)) {
				i = Math.max(i, cued(t, i, findings));
			}
			else if ((t.isPunct(i, ':') || t.isPunct(i, '=')) && !findings.isTaken(i - 1)) {
				i = Math.max(i, field(t, i, findings));
			}
		}
	}

	/**
	 * Keeps the codes after a coding system's name: {@code ICD-10 E11.9},
	 * {@code SNOMED CT 44054006}.
	 */
	private static int clinicalCode(Tokens t, int system, Findings findings) {
		int last = system;
		for (int j = system + 1, codes = 0; j < t.size() && j <= system + 8 && codes < 2; j++) {
			if (t.isWord(j) && t.digits(j) > 0) {
				int end = code(t, j);
				if (NumberRun.at(t, j).digits == 9 && t.isPunct(j + 1, '-')) {
					break;
				}
				findings.keep(j, end);
				last = end;
				j = end;
				codes++;
			}
			else if (!(t.isSpace(j) || t.isPunct(j) && ":-#(".indexOf(t.punct(j)) >= 0
					|| t.isWord(j) && (CODE_SYSTEMS.contains(t.lower(j)) || t.isAllCaps(j)))) {
				break;
			}
		}
		return last;
	}

	/**
	 * The code after an identifier's cue word at {@code cue}; returns the last token
	 * read.
	 */
	private static int cued(Tokens t, int cue, Findings findings) {
		int v = cue + 1;
		for (int steps = 0; steps < 8 && v < t.size(); steps++) {
			boolean filler = t.isWord(v) && t.digits(v) == 0 && FILLER.contains(t.lower(v));
			if (t.isSpace(v) || filler || (t.isPunct(v) && ":#=(.-".indexOf(t.punct(v)) >= 0)) {
				v++;
			}
			else {
				break;
			}
		}
		if (!t.isWord(v) || findings.isTaken(v)) {
			return cue;
		}
		int last = code(t, v);
		int digits = 0;
		int letters = 0;
		for (int k = v; k <= last; k++) {
			digits += t.digits(k);
			letters += t.isWord(k) ? t.length(k) - t.digits(k) : 0;
		}
		if (digits < 3 && !(digits >= 1 && letters >= 1 && t.end(last) - t.start(v) >= 5)) {
			return cue;
		}
		String word = t.lower(cue);
		Kind kind = t.has(cue, Lexicon.BIOMETRIC_CUE) ? Kind.BIOMETRIC : DEVICE_CUES.contains(word) ? Kind.DEVICE
				: ACCOUNT_CUES.contains(word) ? Kind.ACCOUNT : SSN_CUES.contains(word) ? Kind.SSN : Kind.ID;
		findings.add(v, last, kind);
		return last;
	}

	/**
	 * The last token of a code at {@code v}: words joined by - / . _ #, and spaced
	 * groups.
	 */
	private static int code(Tokens t, int v) {
		int last = v;
		while (t.end(last) - t.start(v) < MAX_CODE) {
			if (t.isPunct(last + 1) && "-/._#".indexOf(t.punct(last + 1)) >= 0 && t.isWord(last + 2)) {
				last += 2;
			}
			else if (t.isInlineSpace(last + 1) && t.length(last + 1) == 1 && t.isWord(last + 2)
					&& (t.digits(last + 2) > 0 || (t.length(last + 2) <= 3 && t.isAllCaps(last + 2)))
					&& (t.digits(last) > 0 || t.length(last) <= 3)) {
				last += 2;
			}
			else {
				break;
			}
		}
		return last;
	}

	/** The value of an identifying field whose name ends before {@code colon}. */
	private int field(Tokens t, int colon, Findings findings) {
		Kind kind = keyKind(t, colon);
		if (kind == null) {
			return colon;
		}
		int v = t.skipSpace(colon + 1);
		char quote = t.punct(v);
		if (quote == '"' || quote == '\'') {
			int end = v + 1;
			while (end < t.size() && !t.isPunct(end, quote) && t.end(end) - t.start(v) < 2 * MAX_VALUE) {
				end++;
			}
			if (end < t.size() && t.isPunct(end, quote) && end > v + 1) {
				findings.add(v + 1, end - 1, kind);
			}
			return end;
		}
		if (!t.isWord(v) && !t.isPunct(v, '+') && !t.isPunct(v, '(') || findings.isTaken(v)
				|| (kind == Kind.NAME && !t.isCapitalized(v) && !t.has(v, Lexicon.GIVEN))) {
			return colon;
		}
		int last = v;
		for (int k = v + 1; k < t.size() && t.end(k) - t.start(v) <= MAX_VALUE; k++) {
			if (ends(t, k, kind)) {
				break;
			}
			if (!t.isSpace(k)) {
				last = k;
			}
		}
		findings.add(v, last, kind);
		return last;
	}

	private static boolean ends(Tokens t, int k, Kind kind) {
		if (t.isSpace(k) && !t.isInlineSpace(k)) {
			return true;
		}
		if (t.isPunct(k) && ";}])\"|".indexOf(t.punct(k)) >= 0) {
			return true;
		}
		if (kind == Kind.NAME && t.isPunct(k, ':')) {
			return true;
		}
		if (kind != Kind.NAME && t.isWord(k) && t.digits(k) == 0 && !t.isCapitalized(k) && t.isSpace(k - 1)
				&& kind != Kind.ADDRESS) {
			return true;
		}
		if (t.isPunct(k, ',') && kind != Kind.ADDRESS) {
			return true;
		}
		if (t.isPunct(k, '.') && (k + 1 >= t.size() || t.isSpace(k + 1))) {
			return true;
		}
		return kind == Kind.NAME && t.isWord(k) && !t.isCapitalized(k) && !t.has(k, Lexicon.PARTICLE);
	}

	/**
	 * The kind of the field whose name ends before {@code colon}, or null. The name is
	 * read back over up to four words joined by {@code _ - .} or single spaces, and the
	 * longest known one wins; one word alone counts only where nothing is joined to it,
	 * or where it is capitalised after a lower-case word ("fine. Name:" but not "Drug
	 * name:").
	 */
	private Kind keyKind(Tokens t, int colon) {
		int last = t.isSpace(colon - 1) ? colon - 2 : colon - 1;
		last = (t.isPunct(last, '"') || t.isPunct(last, '\'')) ? last - 1 : last;
		if (!t.isWord(last) || t.digits(last) == t.length(last)) {
			return null;
		}
		Kind kind = alone(t, last) ? this.fields.kindOf(t.lower(last)) : null;
		StringBuilder key = new StringBuilder(t.lower(last));
		int first = last;
		for (int words = 2; words <= 4 && joined(t, first - 1); words++) {
			first -= 2;
			key.insert(0, t.lower(first));
			Kind found = this.fields.kindOf(key.toString());
			kind = (found != null) ? found : kind;
		}
		return kind;
	}

	/** A separator between two words of a field's name. */
	private static boolean joined(Tokens t, int sep) {
		boolean tight = t.isPunct(sep) && "_-.".indexOf(t.punct(sep)) >= 0;
		boolean spaced = t.isInlineSpace(sep) && t.length(sep) == 1;
		return (tight || spaced) && t.isWord(sep - 1);
	}

	private static boolean alone(Tokens t, int word) {
		if (!joined(t, word - 1)) {
			return true;
		}
		boolean spaced = t.isSpace(word - 1);
		return spaced && t.isCapitalized(word) && !t.isCapitalized(word - 2);
	}

}
