package com.xorstack.ailog.privacy;

import java.util.Locale;
import java.util.Set;

/** Names of cities from the {@link Lexicon}, of up to three words. */
final class City {

	private City() {
	}

	/**
	 * The last token of a known city starting at {@code i} after a word such as "in" or
	 * "aus" (or, with {@code anyContext}, wherever it stands), or -1.
	 */
	static int at(Tokens t, int i, boolean anyContext) {
		if (!t.has(i, Lexicon.CITY) || !t.isCapitalized(i)) {
			return -1;
		}
		int before = t.skipSpaceBack(i - 1);
		boolean cued = anyContext || t.has(before, Lexicon.PLACE_CUE);
		StringBuilder name = new StringBuilder(t.lower(i));
		int found = Lexicon.get().isCity(name.toString()) ? i : -1;
		int j = i;
		for (int words = 1; words < 3 && (t.isInlineSpace(j + 1) || t.isPunct(j + 1, '-'))
				&& t.isWord(j + 2); words++) {
			j += 2;
			name.append(' ').append(t.word(j).toLowerCase(Locale.ROOT));
			if (Lexicon.get().isCity(name.toString())) {
				found = j;
			}
		}
		return (cued || (found >= 0 && stateAfter(t, found))) ? found : -1;
	}

	/** {@code , CA}: a city before its state's code needs no cue. */
	private static boolean stateAfter(Tokens t, int last) {
		if (!t.isPunct(last + 1, ',') || !t.isInlineSpace(last + 2) || !t.isWord(last + 3)) {
			return false;
		}
		return (t.length(last + 3) == 2 && PlaceDetector.STATES.contains(t.word(last + 3)))
				|| STATE_NAMES.contains(t.lower(last + 3));
	}

	/** The first words of the US states' and German Länder's names. */
	private static final Set<String> STATE_NAMES = Set.of("alabama", "alaska", "arizona", "arkansas", "california",
			"colorado", "connecticut", "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana",
			"iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
			"mississippi", "missouri", "montana", "nebraska", "nevada", "new", "north", "ohio", "oklahoma", "oregon",
			"pennsylvania", "rhode", "south", "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west",
			"wisconsin", "wyoming", "bayern", "bavaria", "hessen", "sachsen", "thüringen", "niedersachsen",
			"brandenburg", "saarland", "nordrhein", "rheinland", "baden", "schleswig", "mecklenburg");

	/** Past a district joined by a hyphen: {@code Berlin-Friedrichshain}. */
	static int district(Tokens t, int last) {
		return (last >= 0 && t.isPunct(last + 1, '-') && t.isCapitalized(last + 2)) ? last + 2 : last;
	}

	/**
	 * The last of one to three capitalised words at {@code i}: a city after an address.
	 */
	static int words(Tokens t, int i) {
		int known = at(t, i, true);
		if (known >= 0) {
			return known;
		}
		int j = i;
		for (int words = 1; words < 3 && t.isInlineSpace(j + 1) && t.isCapitalized(j + 2)
				&& !t.has(j + 2, Lexicon.STREET); words++) {
			j += 2;
		}
		return t.isCapitalized(i) ? j : -1;
	}

}
