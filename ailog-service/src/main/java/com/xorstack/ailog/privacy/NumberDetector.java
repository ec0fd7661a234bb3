package com.xorstack.ailog.privacy;

import java.util.Locale;

/**
 * Numbers that identify: phone and fax numbers, social security numbers, card and account
 * numbers, and any other long or letter-and-digit code ({@code A12345}, {@code P-99812});
 * ages over 89. Quantities stay: a number with a unit, a decimal, thousands written
 * {@code 1.000.000}, a year range, a list of small numbers such as hourly readings.
 */
final class NumberDetector implements Detector {

	private static final int MAX_CODE = 40;

	@Override
	public void find(Tokens t, Findings findings) {
		for (int i = 0; i < t.size(); i++) {
			if (t.isPlain(i) || findings.isTaken(i) || !t.isWord(i) && !t.isPunct(i, '(')) {
				continue;
			}
			if (age(t, i)) {
				findings.add(i, i, Kind.AGE);
			}
			else if (thousandsGroup(t, i)) {
				continue;
			}
			else if (t.isNumber(i) || (t.isPunct(i, '(') && t.isNumber(i + 1) && t.isPunct(i + 2, ')'))) {
				NumberRun run = NumberRun.at(t, i);
				Kind kind = classify(t, run);
				if (kind != null) {
					findings.add(run.first, run.last, kind);
				}
				i = run.last;
			}
			else if (t.isWord(i)) {
				i = code(t, i, findings);
			}
		}
	}

	/** {@code 000} of {@code 150,000}: a group of a number written with commas. */
	private static boolean thousandsGroup(Tokens t, int i) {
		return t.isNumber(i) && t.length(i) == 3 && t.isPunct(i - 1, ',') && t.isNumber(i - 2) && t.length(i - 2) <= 3;
	}

	/** An age over 89: {@code 93-year-old}, {@code 95 Jahre}, {@code aged 91}. */
	private static boolean age(Tokens t, int i) {
		int value = t.value(i);
		if (value < 90 || value > 130 || t.length(i) > 3) {
			return false;
		}
		int after = (t.isPunct(i + 1, '-') || t.isSpace(i + 1)) ? i + 2 : -1;
		int before = t.skipSpaceBack(i - 1);
		before = t.isPunct(before, ':') ? t.skipSpaceBack(before - 1) : before;
		boolean yo = after > 0 && t.isWord(after) && t.lower(after).equals("y") && t.isPunct(after + 1, '/');
		return yo || (after > 0 && t.has(after, Lexicon.AGE_WORD) && !t.lower(after).equals("age"))
				|| (t.has(before, Lexicon.AGE_WORD)
						&& (t.lower(before).startsWith("age") || t.lower(before).equals("alter")));
	}

	private static Kind classify(Tokens t, NumberRun run) {
		Kind cue = cue(t, run.first);
		if (run.groups == 3 && run.digits == 9 && run.firstGroupLength == 3 && run.lastGroupLength == 4
				&& (run.separatedOnlyBy('-') || run.separatedOnlyBy(' '))) {
			return Kind.SSN;
		}
		if (cue != null && run.digits >= 5) {
			return cue;
		}
		if ((run.plus || run.brackets) && run.digits >= 7) {
			return Kind.PHONE;
		}
		if (quantity(t, run)) {
			return null;
		}
		if (run.plus || run.brackets) {
			return null;
		}
		if (run.digits >= 13 && run.digits <= 19 && run.groups >= 3 && run.firstGroupLength == 4
				&& run.longestGroup == 4) {
			return Kind.ACCOUNT;
		}
		if (run.groups == 1) {
			return (run.digits >= 6) ? Kind.ID : null;
		}
		if (run.separatedOnlyBy(' ') && run.longestGroup <= 3 && run.groups >= 3 && !run.leadingZero) {
			return null;
		}
		if (run.digits >= 7 && run.digits <= 15) {
			return Kind.PHONE;
		}
		return (run.digits >= 6) ? Kind.ID : null;
	}

	/** A decimal, thousands, a year range, or a number followed by its unit. */
	private static boolean quantity(Tokens t, NumberRun run) {
		int next = t.skipSpace(run.last + 1);
		if (t.has(next, Lexicon.UNIT) || t.isPunct(next, '%')
				|| (t.isPunct(next, '/') && t.has(next + 1, Lexicon.UNIT))) {
			return true;
		}
		boolean oneSeparator = run.separatedOnlyBy('.') || run.separatedOnlyBy(' ');
		if (run.thousands && oneSeparator && run.firstGroupLength <= 3 && !run.leadingZero && !run.plus) {
			return true;
		}
		if (run.groups == 2 && run.separatedOnlyBy('.') && !run.plus && !run.brackets) {
			return run.digits < 12;
		}
		if (run.groups == 2 && run.digits == 8 && run.firstGroupLength == 4 && run.lastGroupLength == 4) {
			int from = t.value(run.first);
			int to = t.value(run.last);
			return from >= 1900 && from <= 2100 && to >= 1900 && to <= 2100;
		}
		return false;
	}

	/**
	 * PHONE or FAX when a word such as "Tel." or "Fax" stands up to four tokens before.
	 */
	private static Kind cue(Tokens t, int first) {
		for (int j = first - 1, seen = 0; j >= 0 && seen < 4; j--) {
			if (t.isSpace(j)) {
				continue;
			}
			seen++;
			if (t.has(j, Lexicon.FAX_CUE)) {
				return Kind.FAX;
			}
			if (t.has(j, Lexicon.PHONE_CUE)) {
				return Kind.PHONE;
			}
		}
		return null;
	}

	/**
	 * A code of letters and digits at {@code i}: one word with four digits or more
	 * ({@code A12345}; not {@code 500mg}), a short upper-case prefix joined to a number
	 * ({@code P-99812}), or an IBAN written in groups. Returns the last token read.
	 */
	private static int code(Tokens t, int i, Findings findings) {
		if (iban(t, i)) {
			NumberRun run = NumberRun.at(t, i + 2);
			if (run.digits >= 10) {
				findings.add(i, run.last, Kind.ACCOUNT);
				return run.last;
			}
		}
		boolean code = t.digits(i) >= 4 && t.length(i) >= 5 && !quantityWord(t, i);
		if (germanPlate(t, i)) {
			findings.add(i, i + 4, Kind.ID);
			return i + 4;
		}
		boolean prefix = t.digits(i) == 0 && t.length(i) <= 4 && Character.isUpperCase(t.text.charAt(t.start(i)))
				&& (t.isPunct(i + 1, '-') || t.isPunct(i + 1, '#')) && t.digits(i + 2) >= 4 && !t.has(i, Lexicon.ID_CUE)
				&& !findings.isTaken(i + 2);
		if (!code && !prefix) {
			return i;
		}
		int first = i;
		while (t.isPunct(first - 1, '-') && t.isWord(first - 2) && t.end(i) - t.start(first - 2) <= MAX_CODE) {
			first -= 2;
		}
		int last = i;
		while ((t.isPunct(last + 1, '-') || t.isPunct(last + 1, '#') || t.isPunct(last + 1, '/')) && t.isWord(last + 2)
				&& t.end(last + 2) - t.start(first) <= MAX_CODE) {
			last += 2;
		}
		findings.add(first, last, Kind.ID);
		return last;
	}

	/** A German licence plate: {@code HH-JT 207E}, {@code B-AB 1234}. */
	private static boolean germanPlate(Tokens t, int i) {
		boolean district = t.isAllCaps(i) || (t.length(i) == 1 && Character.isUpperCase(t.text.charAt(t.start(i))));
		return district && t.length(i) <= 3 && t.isPunct(i + 1, '-') && t.isAllCaps(i + 2) && t.length(i + 2) <= 2
				&& t.isInlineSpace(i + 3) && t.isWord(i + 4) && t.digits(i + 4) >= 1 && t.digits(i + 4) <= 4
				&& t.length(i + 4) - t.digits(i + 4) <= 1 && Character.isDigit(t.text.charAt(t.start(i + 4)));
	}

	/** {@code DE89} followed by a space and digits: the start of an IBAN in groups. */
	private static boolean iban(Tokens t, int i) {
		if (t.length(i) != 4 || t.digits(i) != 2 || !t.isSpace(i + 1) || !t.isNumber(i + 2)) {
			return false;
		}
		String word = t.word(i);
		return Character.isUpperCase(word.charAt(0)) && Character.isUpperCase(word.charAt(1))
				&& Character.isDigit(word.charAt(2)) && Character.isDigit(word.charAt(3));
	}

	/** {@code 500mg}, {@code 2x500mg}, {@code 10ml}: digits and a unit in one word. */
	private static boolean quantityWord(Tokens t, int i) {
		String word = t.lower(i);
		int k = 0;
		while (k < word.length() && (Character.isDigit(word.charAt(k)) || word.charAt(k) == 'x')) {
			k++;
		}
		String unit = word.substring(k).toLowerCase(Locale.ROOT);
		return k > 0 && !unit.isEmpty() && (Lexicon.get().flags(unit) & Lexicon.UNIT) != 0;
	}

}
