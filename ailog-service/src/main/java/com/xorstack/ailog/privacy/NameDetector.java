package com.xorstack.ailog.privacy;

import java.util.HashSet;
import java.util.Set;

/**
 * Names of people: after a title ({@code Mrs. Jane Doe}, {@code Herr Dr. med. Klaus
 * Weber}), after a cue ({@code my name is}, {@code heißt}, {@code signed}; {@code Patient
 * Smith}, {@code Hallo Anna}), known given names with what follows them,
 * {@code Doe, John} and {@code J. Smith}. A known name that is also a word ("Will",
 * "Grace") counts only beside a surname or a cue; an eponym ({@code Parkinson's disease},
 * {@code Hashimoto-Thyreoiditis}) is not a name.
 */
final class NameDetector implements Detector {

	private static final int MAX_WORDS = 5;

	private static final Set<String> ADDRESSING = Set.of("for", "für", "to", "an");

	private static final Set<String> GREETINGS = Set.of("dear", "hi", "hello", "hey", "hallo", "liebe", "lieber");

	@Override
	public void find(Tokens t, Findings findings) {
		Set<String> found = new HashSet<>();
		for (int i = 0; i < t.size(); i++) {
			if (t.isPlain(i) || findings.isTaken(i) || !t.isWord(i)) {
				continue;
			}
			int first = nameStart(t, i);
			int last = (first >= 0) ? Names.last(t, first, MAX_WORDS) : -1;
			if (last >= first && first >= 0 && !taken(findings, first, last)) {
				findings.add(first, last, Kind.NAME);
				remember(t, first, last, found);
				i = last;
			}
		}
		if (!found.isEmpty()) {
			again(t, findings, found);
		}
	}

	private static void remember(Tokens t, int first, int last, Set<String> found) {
		for (int k = first; k <= last; k++) {
			if (t.isCapitalized(k) && t.length(k) >= 2 && !t.has(k, Lexicon.TITLE)) {
				found.add(t.lower(k));
			}
		}
	}

	/**
	 * Every other place a found name's word stands capitalised is that name too: "Ms.
	 * Grace Kim ... Grace, the vaccine" (a second linear pass). A name that is also a
	 * word counts there only where no word follows it ("Will it" is not Will Turner).
	 */
	private static void again(Tokens t, Findings findings, Set<String> found) {
		for (int i = 0; i < t.size(); i++) {
			if (t.isPlain(i)) {
				continue;
			}
			boolean alone = !t.has(i, Lexicon.COMMON) || !t.isWord(t.skipSpace(i + 1));
			if (!findings.isTaken(i) && t.isCapitalized(i) && found.contains(t.lower(i)) && alone) {
				findings.add(i, i, Kind.NAME);
			}
		}
	}

	/** Where a name starts, given what stands at {@code i}, or -1. */
	private static int nameStart(Tokens t, int i) {
		if (isTitle(t, i)) {
			return afterTitles(t, i);
		}
		if (t.has(i, Lexicon.NAME_CUE) || nameIs(t, i)) {
			int j = skipFiller(t, i + 1);
			boolean lowerName = nameIs(t, i) && t.has(j, Lexicon.GIVEN) && !t.has(j, Lexicon.COMMON);
			return (t.isCapitalized(j) || lowerName) ? j : -1;
		}
		if (t.has(i, Lexicon.PERSON_CUE)) {
			int j = skipFiller(t, i + 1);
			boolean greeting = GREETINGS.contains(t.lower(i))
					&& (t.has(j, Lexicon.GIVEN) && !t.has(j, Lexicon.COMMON) || Names.unknown(t, j));
			boolean named = Names.unknown(t, j) && endsClause(t, Names.last(t, j, MAX_WORDS));
			return ((Names.known(t, j) || greeting || named) && !Names.eponym(t, j)) ? j : -1;
		}
		if (Names.known(t, i) && t.has(i, Lexicon.GIVEN) && !Names.eponym(t, i)) {
			boolean beside = t.isInlineSpace(i + 1) && t.length(i + 1) == 1
					&& (Names.known(t, i + 2) && t.has(i + 2, Lexicon.SURNAME) || Names.unknown(t, i + 2));
			boolean acronym = t.isAllCaps(i) && !(t.isInlineSpace(i + 1) && t.isAllCaps(i + 2));
			return ((!t.has(i, Lexicon.COMMON) || beside) && !acronym) ? i : -1;
		}

		if (addressed(t, i)) {
			return i;
		}
		if (Names.known(t, i) && t.has(i, Lexicon.SURNAME) && t.isPunct(i + 1, ',') && t.isInlineSpace(i + 2)
				&& Names.known(t, i + 3) && t.has(i + 3, Lexicon.GIVEN) && !t.has(i + 3, Lexicon.COMMON)) {
			return i;
		}
		if (initial(t, i) && t.isInlineSpace(i + 2) && t.has(i + 3, Lexicon.SURNAME) && t.isCapitalized(i + 3)
				&& !Names.eponym(t, i + 3)) {
			return i;
		}
		return -1;
	}

	/**
	 * Two words no lexicon knows, capitalised, addressed: after a comma or "for", "für",
	 * "to", "an", and ending a clause ({@code Thanks for sharing, Oluwaseun
	 * Adebayo-Okafor.}, {@code Zusammenfassung für Grzegorz Brzęczyszczykiewicz:}).
	 */
	private static boolean addressed(Tokens t, int i) {
		if (!Names.unknown(t, i) || !t.isInlineSpace(i + 1) || !Names.unknown(t, i + 2)) {
			return false;
		}
		int before = t.skipSpaceBack(i - 1);
		boolean after = t.isPunct(before, ',') || t.isWord(before) && ADDRESSING.contains(t.lower(before));
		return after && endsClause(t, Names.last(t, i, MAX_WORDS));
	}

	/** Whether punctuation that ends a clause follows {@code last}. */
	private static boolean endsClause(Tokens t, int last) {
		return last >= 0 && (last + 1 >= t.size() || t.isPunct(last + 1) && ".,!?:;".indexOf(t.punct(last + 1)) >= 0);
	}

	private static boolean isTitle(Tokens t, int i) {
		return t.has(i, Lexicon.TITLE) && (t.isCapitalized(i) || t.length(i) >= 5);
	}

	/** The first token after one or more titles ({@code Frau Dr. med.}), or -1. */
	private static int afterTitles(Tokens t, int i) {
		int j = i;
		// at most four titles (Herr Prof. Dr. med.): a longer run is no name's, and
		// reading
		// it again from each of its titles would cost its length squared
		for (int titles = 0; t.has(j, Lexicon.TITLE); titles++) {
			if (titles == 4) {
				return -1;
			}
			j = t.isPunct(j + 1, '.') ? j + 2 : j + 1;
			if (!t.isInlineSpace(j)) {
				return -1;
			}
			j++;
		}
		boolean particle = t.has(j, Lexicon.PARTICLE) && t.isInlineSpace(j + 1);
		return (t.isCapitalized(j) || initial(t, j) || particle) ? j : -1;
	}

	/** "name is", "Name ist", "name lautet". */
	private static boolean nameIs(Tokens t, int i) {
		if (t.length(i) != 4 || !t.lower(i).equals("name") || !t.isSpace(i + 1) || !t.isWord(i + 2)) {
			return false;
		}
		String verb = t.lower(i + 2);
		return verb.equals("is") || verb.equals("ist") || verb.equals("lautet") || verb.equals("was")
				|| verb.equals("war");
	}

	/** Skips spaces, colons, commas and the verbs between a cue and its name. */
	private static int skipFiller(Tokens t, int j) {
		for (int steps = 0; steps < 6 && j < t.size(); steps++) {
			if (t.isSpace(j) || t.isPunct(j, ':') || t.isPunct(j, ',') || t.isPunct(j, '.')) {
				j++;
			}
			else if (t.isWord(j) && Names.FILLER.contains(t.lower(j))) {
				j++;
			}
			else {
				break;
			}
		}
		return j;
	}

	/** A single capital letter and a dot: {@code J.} */
	static boolean initial(Tokens t, int i) {
		return t.isWord(i) && t.length(i) == 1 && Character.isUpperCase(t.text.charAt(t.start(i)))
				&& t.isPunct(i + 1, '.');
	}

	private static boolean taken(Findings findings, int first, int last) {
		for (int k = first; k <= last; k++) {
			if (findings.isTaken(k)) {
				return true;
			}
		}
		return false;
	}

}
