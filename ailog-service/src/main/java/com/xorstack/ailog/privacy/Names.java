package com.xorstack.ailog.privacy;

import java.util.Set;

/**
 * What the name detector asks of a word: is it a known name, an eponym, a name's part.
 */
final class Names {

	/** Words between a cue and the name it announces: "name is Jane", "call me Jane". */
	static final Set<String> FILLER = Set.of("is", "ist", "lautet", "was", "war", "me", "mich", "bin", "am", "i", "ich",
			"the", "der", "die", "patient", "patientin", "herr", "frau");

	private static final String[] MEDICAL_SUFFIXES = { "itis", "ose", "osis", "om", "krankheit", "erkrankung",
			"syndrom", "zeichen", "reflex", "test", "score", "tumor", "anämie", "anaemie" };

	private static final int STOP = Lexicon.MONTH | Lexicon.MONTH_SHORT | Lexicon.UNIT | Lexicon.DISEASE
			| Lexicon.STREET | Lexicon.TITLE | Lexicon.DATE_CUE | Lexicon.ID_CUE | Lexicon.PHONE_CUE
			| Lexicon.PERSON_CUE | Lexicon.NAME_CUE | Lexicon.PLACE_CUE;

	private Names() {
	}

	/** A capitalised (or all upper-case) given name or surname. */
	static boolean known(Tokens t, int i) {
		return (t.isCapitalized(i) || t.isAllCaps(i)) && t.has(i, Lexicon.GIVEN | Lexicon.SURNAME);
	}

	/**
	 * An eponym: a name with a disease after it ({@code Parkinson's disease},
	 * {@code Hashimoto-Thyreoiditis}, {@code Down syndrome}), or a word that mostly is
	 * one.
	 */
	static boolean eponym(Tokens t, int i) {
		return t.has(i, Lexicon.EPONYM) || diseaseAfter(t, i);
	}

	/**
	 * A disease named after this word: {@code Turner syndrome}, but not
	 * {@code Will Turner}.
	 */
	static boolean diseaseAfter(Tokens t, int i) {
		int j = i + 1;
		if ((t.isPunct(j, '\'') || t.isPunct(j, '\u2019')) && t.isWord(j + 1) && t.lower(j + 1).equals("s")) {
			j += 2;
		}
		if (t.isPunct(j, '-') && t.isWord(j + 1) && !t.isCapitalized(j + 1)) {
			return false;
		}
		if (t.isPunct(j, '-') && t.isCapitalized(j + 1)) {
			return t.has(j + 1, Lexicon.DISEASE) || medical(t.lower(j + 1));
		}
		return t.isSpace(j) && t.has(j + 1, Lexicon.DISEASE);
	}

	/**
	 * A German medical compound's last part: Thyreoiditis, Krankheit, Syndrom, Zeichen.
	 */
	private static boolean medical(String word) {
		for (String suffix : MEDICAL_SUFFIXES) {
			if (word.endsWith(suffix)) {
				return true;
			}
		}
		return false;
	}

	/** A capitalised word the lexicon knows nothing of: no name, no word, no cue. */
	static boolean unknown(Tokens t, int i) {
		return t.isCapitalized(i) && t.digits(i) == 0 && t.length(i) >= 2 && !t.isAllCaps(i)
				&& !t.has(i, ~(Lexicon.CITY));
	}

	/**
	 * The last token of a name whose first word (or initial) is at {@code first}: up to
	 * {@code max} words, joined by single spaces or hyphens, with particles such as
	 * "von".
	 */
	static int last(Tokens t, int first, int max) {
		int last = NameDetector.initial(t, first) ? first + 1 : first;
		boolean lower = !t.isCapitalized(first);
		if (lower && !t.has(first, Lexicon.GIVEN | Lexicon.PARTICLE)) {
			return -1;
		}
		if (t.has(first, Lexicon.PARTICLE) && lower) {
			int next = first;
			while (t.has(next, Lexicon.PARTICLE) && t.isInlineSpace(next + 1)) {
				next += 2;
			}
			return t.isCapitalized(next) ? last(t, next, max) : -1;
		}
		for (int words = 1; words < max;) {
			int k = last + 1;
			if (t.isPunct(k, '-') && t.isCapitalized(k + 1)) {
				last = k + 1;
				continue;
			}
			if (!t.isInlineSpace(k) || t.length(k) != 1) {
				break;
			}
			int m = k + 1;
			int particles = m;
			while (t.has(particles, Lexicon.PARTICLE) && !t.isCapitalized(particles) && t.isInlineSpace(particles + 1)
					&& particles - m < 6) {
				particles += 2;
			}
			if (particles > m && part(t, particles)) {
				last = particles;
			}
			else if (NameDetector.initial(t, m) && t.isInlineSpace(m + 2) && part(t, m + 3)) {
				last = m + 3;
			}
			else if (part(t, m) || (lower && t.has(m, Lexicon.SURNAME) && !t.isCapitalized(m))) {
				last = m;
			}
			else {
				break;
			}
			words++;
		}
		return last;
	}

	/**
	 * A capitalised word that may continue a name: known, or no word the lexicon knows.
	 */
	private static boolean part(Tokens t, int i) {
		if (!t.isCapitalized(i) || t.digits(i) > 0 || t.has(i, STOP) || diseaseAfter(t, i)) {
			return false;
		}
		return t.has(i, Lexicon.GIVEN | Lexicon.SURNAME) || !t.has(i, Lexicon.COMMON);
	}

}
