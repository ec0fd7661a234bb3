package com.xorstack.ailog.privacy;

import java.time.Clock;
import java.time.Year;
import java.util.Set;

/**
 * Dates, of which only the year may stay: {@code 03/12/1984}, {@code 3/12/84},
 * {@code 1984-03-12}, {@code 12.03.1984}, {@code 12. März 1984}, {@code March 12th,
 * 1984}, {@code 12 March}, a German {@code 12.3.}, and {@code 3/12} after a word such as
 * "on" or "born". A month alone counts too, except the abbreviated ones and "May". The
 * year is kept unless it is more than 89 years ago (Safe Harbor: an age over 89).
 */
final class DateDetector implements Detector {

	private static final Set<String> SCORES = Set.of("apgar", "score", "scores", "punkte", "grad", "grade", "stage",
			"stadium", "gcs", "nyha", "ecog");

	/**
	 * Weekdays written short, which may stand between a cue and its date: "am Mo.,
	 * 12.8.".
	 */
	private static final Set<String> WEEKDAYS = Set.of("mo", "di", "mi", "do", "fr", "sa", "so", "mon", "tue", "wed",
			"thu", "fri", "sat", "sun");

	private final Clock clock;

	DateDetector(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void find(Tokens t, Findings findings) {
		for (int i = 0; i < t.size(); i++) {
			if (t.isPlain(i) || findings.isTaken(i) || !t.isWord(i)) {
				continue;
			}
			boolean month = t.has(i, Lexicon.MONTH | Lexicon.MONTH_SHORT)
					&& (t.isCapitalized(i) || isDay(t, t.skipSpace(i + 1)) || isDay(t, t.skipSpaceBack(i - 1)));
			int last = month ? named(t, i, findings) : numeric(t, i, findings);
			if (last >= i) {
				i = last;
			}
		}
	}

	private int numeric(Tokens t, int i, Findings findings) {
		if (!t.isNumber(i) || t.isPunct(i - 1, '.') || t.isPunct(i - 1, '/') || t.isPunct(i - 1, ':') || scored(t, i)) {
			return -1;
		}
		char separator = t.punct(i + 1);
		if (separator != '.' && separator != '/' && separator != '-' || !t.isNumber(i + 2)) {
			return -1;
		}
		boolean third = t.isPunct(i + 3, separator) && t.isNumber(i + 4) && !t.isPunct(i + 5, separator)
				&& !(t.isPunct(i + 5, '.') && t.isNumber(i + 6));
		if (t.length(i) == 4) {
			boolean iso = third && separator != '.' && month(t.value(i + 2)) && day(t.value(i + 4))
					&& t.length(i + 4) <= 2;
			return iso ? add(t, i, i + 4, i, findings) : -1;
		}
		if (t.length(i) > 2 || t.length(i + 2) > 2 || !dayAndMonth(t.value(i), t.value(i + 2))) {
			return -1;
		}
		if (third && (t.length(i + 4) == 2 || t.length(i + 4) == 4)) {
			return add(t, i, i + 4, (t.length(i + 4) == 4) ? i + 4 : -1, findings);
		}
		boolean german = separator == '.' && t.isPunct(i + 3, '.') && !t.isNumber(i + 4);
		if (cued(t, i) && (german || !t.isPunct(i + 3, separator))) {
			return add(t, i, german ? i + 3 : i + 2, -1, findings);
		}
		return -1;
	}

	/** A month name with its day and year around it, where they are written. */
	private int named(Tokens t, int month, Findings findings) {
		int first = month;
		int last = month;
		int year = -1;
		int before = t.skipSpaceBack(month - 1);
		if (t.isWord(before) && t.lower(before).equals("of")) {
			before = t.skipSpaceBack(before - 1);
		}
		before = t.isPunct(before, '.') ? before - 1 : before;
		boolean dayBefore = isDay(t, before) && !findings.isTaken(before);
		if (dayBefore) {
			first = before;
		}
		int next = t.isPunct(month + 1, '.') ? month + 2 : month + 1;
		if (t.isSpace(next) && isDay(t, next + 1) && !dayBefore && !isYear(t, next + 1)) {
			last = next + 1;
			next = last + 1;
		}
		int comma = t.isPunct(next, ',') ? next + 1 : next;
		if (t.isSpace(comma) && isYear(t, comma + 1)) {
			year = comma + 1;
			last = year;
		}
		boolean bare = first == month && last == month;
		String word = t.lower(month);
		if (bare && (t.has(month, Lexicon.MONTH_SHORT) || word.equals("may") || word.equals("march"))) {
			return -1;
		}
		return add(t, first, last, year, findings);
	}

	private int add(Tokens t, int first, int last, int yearToken, Findings findings) {
		int year = (yearToken >= 0) ? t.value(yearToken) : -1;
		boolean keep = year >= Year.now(this.clock).getValue() - 89;
		findings.add(first, last, Kind.DATE, keep ? t.word(yearToken) : "");
		return last;
	}

	/** {@code APGAR 9/10/10}, {@code score 3/4}: scores, not dates. */
	private static boolean scored(Tokens t, int i) {
		int before = t.skipSpaceBack(i - 1);
		return t.isWord(before) && SCORES.contains(t.lower(before));
	}

	/** Whether a word such as "on", "born" or "seit" stands just before {@code i}. */
	private static boolean cued(Tokens t, int i) {
		for (int j = i - 1; j >= 0 && j >= i - 8; j--) {
			if (t.has(j, Lexicon.DATE_CUE)) {
				return true;
			}
			boolean between = t.isSpace(j) || t.isPunct(j) && ":.,".indexOf(t.punct(j)) >= 0
					|| t.isWord(j) && WEEKDAYS.contains(t.lower(j));
			if (!between) {
				return false;
			}
		}
		return false;
	}

	private static boolean isDay(Tokens t, int i) {
		if (t.isNumber(i)) {
			return t.length(i) <= 2 && day(t.value(i));
		}
		if (!t.isWord(i) || t.digits(i) == 0 || t.digits(i) > 2 || t.length(i) != t.digits(i) + 2) {
			return false;
		}
		String word = t.word(i);
		return day(Integer.parseInt(word.substring(0, t.digits(i))))
				&& (Lexicon.get().flags(word.substring(t.digits(i)).toLowerCase()) & Lexicon.ORDINAL) != 0;
	}

	private static boolean isYear(Tokens t, int i) {
		return t.isNumber(i) && t.length(i) == 4 && t.value(i) >= 1800 && t.value(i) <= 2200;
	}

	private static boolean dayAndMonth(int a, int b) {
		return (day(a) && month(b)) || (month(a) && day(b));
	}

	private static boolean day(int value) {
		return value >= 1 && value <= 31;
	}

	private static boolean month(int value) {
		return value >= 1 && value <= 12;
	}

}
